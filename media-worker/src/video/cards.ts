import { createCanvas, type SKRSContext2D } from '@napi-rs/canvas';
import type { Card } from './storyboard.ts';

export const VIDEO_WIDTH = 1280;
export const VIDEO_HEIGHT = 720;

/** DejaVu Sans ships with the worker image (fonts-dejavu-core) and covers most scripts. */
const FONT = '"DejaVu Sans", sans-serif';

/** Width of a line of text between the side margins; longer user text is ellipsized. */
const LINE_WIDTH = VIDEO_WIDTH - 192;

const themes = [
  ['#1e3a8a', '#2563eb'],
  ['#14532d', '#16a34a'],
  ['#7c2d12', '#ea580c'],
  ['#581c87', '#9333ea'],
  ['#134e4a', '#0d9488'],
  ['#831843', '#db2777'],
] as const;

/**
 * Draws one card as a 1280×720 JPEG. Each card is a still: ffmpeg holds it for
 * the card's duration and fades between cards, which is far cheaper than
 * drawing every frame in JavaScript.
 */
export async function drawCard(card: Card, themeIndex: number): Promise<Buffer> {
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
      text(ctx, card.member, 96, 250, 64, 'bold');
      text(ctx, `${card.year} in proofs of concept`, 96, 330, 40);
      text(ctx, `${plural(card.pocs, 'POC')} · ${card.done} done · ${plural(card.languages, 'language')}`, 96, 430, 34);
      if (card.topLanguages.length)
        text(ctx, `Top languages: ${card.topLanguages.join(', ')}`, 96, 490, 30, 'normal', 0.85);
      break;
    case 'poc': {
      text(ctx, card.month, 96, 120, 32, 'bold', 0.85);
      ctx.textAlign = 'right';
      text(ctx, `${card.index} / ${card.of}`, VIDEO_WIDTH - 96, 120, 28, 'normal', 0.7);
      ctx.textAlign = 'left';
      const titleLines = wrap(ctx, card.name, LINE_WIDTH, 60, 2);
      for (const [index, line] of titleLines.entries()) text(ctx, line, 96, 270 + index * 74, 60, 'bold');
      let y = 270 + titleLines.length * 74 + 40;
      if (card.languages.length) {
        y = chips(ctx, card.languages, 96, y);
      }
      if (card.tags.length) {
        text(ctx, card.tags.map((tag) => `#${tag}`).join('  '), 96, y + 20, 28, 'normal', 0.85);
        y += 60;
      }
      if (card.description) text(ctx, card.description, 96, Math.max(y + 30, 600), 28, 'normal', 0.9);
      break;
    }
    case 'closing':
      text(ctx, `That was ${card.year}`, 96, 220, 60, 'bold');
      text(ctx, `${plural(card.pocs, 'POC')}, ${card.done} done`, 96, 320, 40);
      if (card.busiestMonth) text(ctx, `Busiest month: ${card.busiestMonth}`, 96, 390, 32, 'normal', 0.9);
      if (card.topTags.length)
        text(ctx, `Top tags: ${card.topTags.map((tag) => `#${tag}`).join('  ')}`, 96, 450, 32, 'normal', 0.9);
      if (card.omitted > 0) text(ctx, `…and ${plural(card.omitted, 'more POC')} not shown`, 96, 510, 28, 'normal', 0.8);
      text(ctx, `Keep building, ${card.member}!  — PocDojo`, 96, 620, 30, 'bold', 0.9);
      break;
    case 'empty':
      text(ctx, card.member, 96, 250, 60, 'bold');
      text(ctx, `No POCs in ${card.year} yet`, 96, 340, 44);
      text(ctx, 'Every great project starts as a small proof of concept.', 96, 430, 30, 'normal', 0.9);
      text(ctx, 'See you at the next dojo!  — PocDojo', 96, 490, 30, 'normal', 0.9);
      break;
  }
  // JPEG at quality 95: visually lossless before x264 re-encodes it, and ~20× faster to encode than PNG.
  return canvas.encode('jpeg', 95);
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

/** Language chips: rounded boxes in a row; returns the y below them. */
function chips(ctx: SKRSContext2D, labels: string[], x: number, y: number): number {
  ctx.font = `bold 28px ${FONT}`;
  let cursor = x;
  for (const label of labels.slice(0, 6)) {
    const width = ctx.measureText(label).width + 36;
    if (cursor + width > VIDEO_WIDTH - 96) break;
    ctx.globalAlpha = 0.22;
    ctx.beginPath();
    ctx.roundRect(cursor, y, width, 48, 24);
    ctx.fill();
    ctx.globalAlpha = 1;
    ctx.fillText(label, cursor + 18, y + 34);
    cursor += width + 14;
  }
  return y + 48 + 24;
}

/** Greedy word wrap to at most `maxLines` lines, the last one ellipsized. */
function wrap(ctx: SKRSContext2D, value: string, width: number, size: number, maxLines: number): string[] {
  ctx.font = `bold ${size}px ${FONT}`;
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

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
