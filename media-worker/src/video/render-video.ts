import { createHash } from 'node:crypto';
import { access, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RenderedFile } from '../report/rendered-file.ts';
import { drawCard } from './cards.ts';
import { runFfmpeg } from './ffmpeg.ts';
import { loopArgs, musicExpression, muxMusicArgs } from './music.ts';
import { buildStoryboard, type Card, type Storyboard, type StoryInput } from './storyboard.ts';
import { cardSubtitles } from './subtitles.ts';
import { cardFrames, type TimelineCard, timelineArgs, timelineSeconds, VideoFormat } from './timeline.ts';

export interface VideoOptions {
  ffmpegPath: string;
  /** Seconds a still card is held (the chart cards last a little longer: see `cardSeconds`). */
  secondsPerCard: number;
  /**
   * Cards encoded per ffmpeg run. Each card input costs ffmpeg ~6 MB, so long
   * years are encoded in segments and joined without re-encoding; this bounds
   * ffmpeg's memory at ~170 MB whatever the POC count.
   */
  cardsPerSegment?: number;
  /** 0–1 over the whole render: drawing is the first 15 %, encoding the rest. */
  onProgress?: (fraction: number, stage: 'drawing' | 'encoding') => void;
  signal?: AbortSignal;
}

export interface RenderedVideo extends RenderedFile {
  durationSeconds: number;
  cards: number;
  storyboard: Storyboard;
}

/** An empty year is one friendly card held a little longer than a normal card. */
const EMPTY_CARD_SECONDS = 4;
/** Frames over which a chart's bars grow (0.8 s at 25 fps), then the last frame is held. */
export const ANIMATION_FRAMES = 20;

/** How long each card stays on screen: charts get a second more to be read after they grow. */
export function cardSeconds(card: Card, secondsPerCard: number): number {
  if (card.kind === 'empty') return EMPTY_CARD_SECONDS;
  if (card.kind === 'rhythm' || card.kind === 'ranking') return secondsPerCard + 1;
  return secondsPerCard;
}

export const DEFAULT_CARDS_PER_SEGMENT = 12;

/**
 * Renders a member's yearly video: one JPEG per still card and one per frame
 * of each growing chart, then ffmpeg holds and fades them into an MP4, and the
 * synthesized soundtrack is added. Works in a private temporary directory that
 * is always removed.
 */
export async function renderYearVideo(story: StoryInput, options: VideoOptions): Promise<RenderedVideo> {
  const storyboard = buildStoryboard(story);
  const dir = await mkdtemp(join(tmpdir(), 'pocdojo-video-'));
  try {
    const music = ensureMusicLoop(options);
    const cards: TimelineCard[] = [];
    for (const [index, card] of storyboard.cards.entries()) {
      options.signal?.throwIfAborted();
      const seconds = cardSeconds(card, options.secondsPerCard);
      const name = `card-${String(index).padStart(4, '0')}`;
      if ('animated' in card) {
        for (let frame = 0; frame < ANIMATION_FRAMES; frame++) {
          const file = join(dir, `${name}-${String(frame).padStart(3, '0')}.jpg`);
          await writeFile(file, await drawCard(card, index, (frame + 1) / ANIMATION_FRAMES));
        }
        cards.push({ file: join(dir, `${name}-%03d.jpg`), seconds, animationFrames: ANIMATION_FRAMES });
      } else {
        const file = join(dir, `${name}.jpg`);
        await writeFile(file, await drawCard(card, index));
        cards.push({ file, seconds });
      }
      options.onProgress?.((0.15 * (index + 1)) / storyboard.cards.length, 'drawing');
    }
    const silent = join(dir, 'silent.mp4');
    const output = join(dir, 'video.mp4');
    const durationSeconds = timelineSeconds(cards);
    const segments = chunk(cards, options.cardsPerSegment ?? DEFAULT_CARDS_PER_SEGMENT);
    let encoded = 0;
    const segmentFiles: string[] = [];
    for (const [index, segment] of segments.entries()) {
      const file = segments.length === 1 ? silent : join(dir, `segment-${index}.mp4`);
      const seconds = timelineSeconds(segment);
      await runFfmpeg({
        ffmpegPath: options.ffmpegPath,
        args: timelineArgs(segment, file),
        durationSeconds: seconds,
        onProgress: (fraction) =>
          options.onProgress?.(0.15 + (0.85 * (encoded + fraction * seconds)) / durationSeconds, 'encoding'),
        signal: options.signal,
      });
      encoded += seconds;
      segmentFiles.push(file);
    }
    if (segments.length > 1) await joinSegments(options, dir, segmentFiles, silent);
    // Each card's words as a subtitle track: what a screen reader or a muted feed shows, and what tests read.
    const subtitles = join(dir, 'cards.srt');
    await writeFile(
      subtitles,
      cardSubtitles(
        storyboard.cards.map((card, index) => ({ card, frames: cardFrames(cards[index].seconds) })),
        VideoFormat.fps,
      ),
    );
    await runFfmpeg({
      ffmpegPath: options.ffmpegPath,
      args: muxMusicArgs(silent, await music, durationSeconds, output, {
        file: subtitles,
        language: story.reader.locale === 'en' ? 'eng' : 'por',
      }),
      durationSeconds: 0,
      signal: options.signal,
    });
    const body = await readFile(output);
    return {
      body,
      contentType: 'video/mp4',
      extension: 'mp4',
      durationSeconds,
      cards: cards.length,
      storyboard,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const loops = new Map<string, Promise<string>>();

/**
 * The soundtrack's loop, synthesized once per process and kept in the temporary
 * directory under a name derived from its expression: later videos reuse it.
 */
function ensureMusicLoop(options: VideoOptions): Promise<string> {
  const hash = createHash('sha256').update(`${VideoFormat.fps}:${musicExpression()}`).digest('hex').slice(0, 16);
  const file = join(tmpdir(), `pocdojo-music-${hash}.wav`);
  let pending = loops.get(file);
  if (!pending) {
    pending = (async () => {
      try {
        await access(file);
      } catch {
        const partial = `${file}.${process.pid}.partial.wav`;
        await runFfmpeg({ ffmpegPath: options.ffmpegPath, args: loopArgs(partial), durationSeconds: 0 });
        await rename(partial, file);
      }
      return file;
    })();
    pending.catch(() => loops.delete(file));
    loops.set(file, pending);
  }
  return pending;
}

function chunk<T>(items: T[], size: number): T[][] {
  const step = Math.max(1, size);
  const chunks: T[][] = [];
  for (let index = 0; index < items.length; index += step) chunks.push(items.slice(index, index + step));
  return chunks;
}

/**
 * Joins segments encoded with identical settings by stream copy (concat
 * demuxer): no re-encoding, and `+faststart` applies to the final file.
 */
async function joinSegments(options: VideoOptions, dir: string, files: string[], output: string): Promise<void> {
  const list = join(dir, 'segments.txt');
  await writeFile(list, files.map((file) => `file '${file.replaceAll("'", "'\\''")}'`).join('\n'));
  await runFfmpeg({
    ffmpegPath: options.ffmpegPath,
    args: [
      '-y',
      '-loglevel',
      'error',
      '-f',
      'concat',
      '-safe',
      '0',
      '-i',
      list,
      '-c',
      'copy',
      '-movflags',
      '+faststart',
      output,
    ],
    durationSeconds: 0,
    signal: options.signal,
  });
}
