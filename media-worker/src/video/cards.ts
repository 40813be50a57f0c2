import { createCanvas, type SKRSContext2D } from '@napi-rs/canvas';
import type { Bar, Card } from './storyboard.ts';

export const VIDEO_WIDTH = 1280;
export const VIDEO_HEIGHT = 720;

/** DejaVu Sans ships with the worker image (fonts-dejavu-core) and covers most scripts. */
const FONT = '"DejaVu Sans", sans-serif';
const MARGIN = 96;

/** Width of a line of text between the side margins; longer user text is ellipsized. */
const LINE_WIDTH = VIDEO_WIDTH - 2 * MARGIN;

const themes = [
  ['#1e3a8a', '#2563eb'],
  ['#14532d', '#16a34a'],
  ['#7c2d12', '#ea580c'],
  ['#581c87', '#9333ea'],
  ['#134e4a', '#0d9488'],
  ['#831843', '#db2777'],
] as const;

const lightColours = { red: '#ef4444', amber: '#f59e0b', green: '#22c55e' } as const;

/** Ease-out cubic: bars shoot up and settle, as charts in shared videos do. */
export const easeOut = (x: number) => 1 - (1 - Math.min(1, Math.max(0, x))) ** 3;

/**
 * Draws one frame of a card as a 1280×720 JPEG. Still cards are drawn once and
 * held by ffmpeg; animated cards (charts) are drawn once per frame of their
 * growth, `progress` going 0 → 1, then their last frame is held.
 */
export async function drawCard(card: Card, themeIndex: number, progress = 1): Promise<Buffer> {
  const canvas = createCanvas(VIDEO_WIDTH, VIDEO_HEIGHT);
  const ctx = canvas.getContext('2d');
  const [dark, light] = themes[themeIndex % themes.length];
  const gradient = ctx.createLinearGradient(0, 0, VIDEO_WIDTH, VIDEO_HEIGHT);
  gradient.addColorStop(0, dark);
  gradient.addColorStop(1, light);
  ctx.fillStyle = gradient;
  ctx.fillRect(0, 0, VIDEO_WIDTH, VIDEO_HEIGHT);
  ctx.fillStyle = '#ffffff';
  ctx.textBaseline = 'alphabetic';

  switch (card.kind) {
    case 'intro':
      text(ctx, card.title, MARGIN, 260, 64, 'bold');
      text(ctx, card.subtitle, MARGIN, 340, 38, 'normal', 0.9);
      text(ctx, card.stats, MARGIN, 450, 32, 'normal', 0.9);
      brand(ctx);
      break;
    case 'rhythm':
      text(ctx, card.title, MARGIN, 110, 48, 'bold');
      columns(ctx, card.bars, { x: MARGIN, y: 170, width: LINE_WIDTH, height: 400 }, easeOut(progress));
      if (card.caption) text(ctx, card.caption, MARGIN, 660, 30, 'normal', Math.min(1, progress * 1.5));
      break;
    case 'ranking':
      text(ctx, card.title, MARGIN, 110, 48, 'bold');
      rows(ctx, card.bars, { x: MARGIN, y: 170, width: LINE_WIDTH, height: 470 }, easeOut(progress));
      break;
    case 'pocs':
      pocGrid(ctx, card);
      break;
    case 'dojos':
      dojoList(ctx, card);
      break;
    case 'closing':
      text(ctx, card.title, MARGIN, 260, 60, 'bold');
      text(ctx, card.stats, MARGIN, 350, 38, 'normal', 0.9);
      text(ctx, card.team, MARGIN, 600, 30, 'bold', 0.9);
      break;
    case 'empty':
      text(ctx, card.title, MARGIN, 280, 56, 'bold');
      for (const [index, line] of wrap(ctx, card.subtitle, LINE_WIDTH, 34, 3, 'normal').entries())
        text(ctx, line, MARGIN, 380 + index * 48, 34, 'normal', 0.9);
      brand(ctx);
      break;
  }
  // JPEG at quality 92: visually lossless before x264 re-encodes it, and ~20× faster to encode than PNG.
  return canvas.encode('jpeg', 92);
}

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Vertical columns (the months), grown to `grown` (0–1) of their height, values shown once grown. */
function columns(ctx: SKRSContext2D, bars: Bar[], box: Box, grown: number): void {
  const max = Math.max(1, ...bars.map((bar) => bar.value));
  const slot = box.width / bars.length;
  const labelHeight = 40;
  const plot = box.height - labelHeight;
  ctx.textAlign = 'center';
  bars.forEach((bar, index) => {
    const height = (bar.value / max) * (plot - 40) * grown;
    const x = box.x + index * slot + slot * 0.15;
    const width = slot * 0.7;
    const top = box.y + plot - height;
    ctx.globalAlpha = 0.25;
    ctx.fillRect(x, box.y + plot - 2, width, 2);
    ctx.globalAlpha = 1;
    if (height > 0) {
      ctx.beginPath();
      ctx.roundRect(x, top, width, height, [8, 8, 0, 0]);
      ctx.fill();
    }
    text(ctx, bar.label, x + width / 2, box.y + box.height - 6, 22, 'normal', 0.85, slot);
    if (bar.value > 0)
      text(ctx, String(Math.round(bar.value * grown)), x + width / 2, top - 10, 24, 'bold', grown, slot);
  });
  ctx.textAlign = 'left';
}

/** Horizontal bars (a ranking), grown to `grown`, the value counting up at each bar's end. */
function rows(ctx: SKRSContext2D, bars: Bar[], box: Box, grown: number): void {
  const max = Math.max(1, ...bars.map((bar) => bar.value));
  const rowHeight = Math.min(90, box.height / Math.max(1, bars.length));
  const labelWidth = box.width * 0.32;
  const area = box.width - labelWidth - 90;
  bars.forEach((bar, index) => {
    const y = box.y + index * rowHeight;
    ctx.textAlign = 'right';
    text(ctx, bar.label, box.x + labelWidth - 20, y + rowHeight * 0.62, 32, 'bold', 1, labelWidth - 20);
    ctx.textAlign = 'left';
    // Each bar starts a little after the one above: a cascade reads better than all at once.
    const own = easeOut(Math.max(0, grown * 1.4 - index * 0.1));
    const width = Math.max(6, (bar.value / max) * area * own);
    ctx.globalAlpha = 0.9;
    ctx.beginPath();
    ctx.roundRect(box.x + labelWidth, y + rowHeight * 0.18, width, rowHeight * 0.64, 10);
    ctx.fill();
    ctx.globalAlpha = 1;
    text(ctx, String(Math.round(bar.value * own)), box.x + labelWidth + width + 16, y + rowHeight * 0.62, 30, 'bold');
  });
}

/** Two columns of POC tiles: name, month and status, languages. */
function pocGrid(ctx: SKRSContext2D, card: Extract<Card, { kind: 'pocs' }>): void {
  text(ctx, card.title, MARGIN, 100, 44, 'bold');
  ctx.textAlign = 'right';
  text(ctx, card.page, VIDEO_WIDTH - MARGIN, 100, 26, 'normal', 0.7);
  ctx.textAlign = 'left';
  const gap = 24;
  const tileWidth = (LINE_WIDTH - gap) / 2;
  const tileHeight = 150;
  card.tiles.forEach((tile, index) => {
    const x = MARGIN + (index % 2) * (tileWidth + gap);
    const y = 140 + Math.floor(index / 2) * (tileHeight + 18);
    ctx.globalAlpha = 0.16;
    ctx.beginPath();
    ctx.roundRect(x, y, tileWidth, tileHeight, 16);
    ctx.fill();
    ctx.globalAlpha = 1;
    text(ctx, tile.name, x + 22, y + 46, 30, 'bold', 1, tileWidth - 44);
    text(
      ctx,
      `${tile.month} · ${tile.status}${tile.done ? ' ✓' : ''}`,
      x + 22,
      y + 88,
      22,
      'normal',
      0.85,
      tileWidth - 44,
    );
    if (tile.languages.length) text(ctx, tile.languages.join(' · '), x + 22, y + 126, 22, 'bold', 0.75, tileWidth - 44);
  });
  if (card.more) text(ctx, card.more, MARGIN, 690, 26, 'normal', 0.85);
}

/** One row per dojo: name, day and number of runs, and its traffic lights in order. */
function dojoList(ctx: SKRSContext2D, card: Extract<Card, { kind: 'dojos' }>): void {
  text(ctx, card.title, MARGIN, 110, 48, 'bold');
  if (card.none) {
    text(ctx, card.none, MARGIN, 360, 34, 'normal', 0.9);
    return;
  }
  card.dojos.forEach((dojo, index) => {
    const y = 190 + index * 86;
    text(ctx, dojo.name, MARGIN, y, 32, 'bold', 1, 560);
    text(ctx, `${dojo.day} · ${dojo.runs}`, MARGIN, y + 34, 22, 'normal', 0.8, 560);
    dojo.lights.forEach((light, lightIndex) => {
      ctx.fillStyle = lightColours[light];
      ctx.beginPath();
      ctx.arc(MARGIN + 620 + lightIndex * 40, y - 4, 15, 0, Math.PI * 2);
      ctx.fill();
    });
    ctx.fillStyle = '#ffffff';
  });
}

function brand(ctx: SKRSContext2D): void {
  text(ctx, 'PocDojo', MARGIN, 640, 28, 'bold', 0.75);
}

function text(
  ctx: SKRSContext2D,
  value: string,
  x: number,
  y: number,
  size: number,
  weight: 'normal' | 'bold' = 'normal',
  alpha = 1,
  maxWidth = LINE_WIDTH,
): void {
  ctx.globalAlpha = alpha;
  ctx.font = `${weight} ${size}px ${FONT}`;
  ctx.fillText(ellipsize(ctx, value, maxWidth), x, y);
  ctx.globalAlpha = 1;
}

/** Greedy word wrap to at most `maxLines` lines, the last one ellipsized. */
function wrap(
  ctx: SKRSContext2D,
  value: string,
  width: number,
  size: number,
  maxLines: number,
  weight: 'normal' | 'bold' = 'bold',
): string[] {
  ctx.font = `${weight} ${size}px ${FONT}`;
  const lines: string[] = [];
  let current = '';
  const words = value.split(/\s+/).filter(Boolean);
  for (let index = 0; index < words.length; index++) {
    const candidate = current ? `${current} ${words[index]}` : words[index];
    if (ctx.measureText(candidate).width <= width || !current) {
      current = candidate;
      continue;
    }
    lines.push(current);
    current = words[index];
    if (lines.length === maxLines - 1) {
      current = words.slice(index).join(' ');
      break;
    }
  }
  if (current) lines.push(current);
  return lines.map((line) => ellipsize(ctx, line, width));
}

function ellipsize(ctx: SKRSContext2D, value: string, width: number): string {
  if (ctx.measureText(value).width <= width) return value;
  let cut = value;
  while (cut.length > 1 && ctx.measureText(`${cut}…`).width > width) cut = cut.slice(0, -1);
  return `${cut.trimEnd()}…`;
}
