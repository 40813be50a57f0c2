import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SearchablePoc } from '@pocdojo/common/events';
import type { RenderedFile } from '../report/rendered-file.ts';
import { drawCard } from './cards.ts';
import { runFfmpeg } from './ffmpeg.ts';
import { buildStoryboard } from './storyboard.ts';
import { type TimelineCard, timelineArgs, timelineSeconds } from './timeline.ts';

export interface VideoOptions {
  ffmpegPath: string;
  /** Seconds per card (intro, each POC, closing). */
  secondsPerCard: number;
  /** POCs shown at most; the closing card counts the rest. */
  maxPocs: number;
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
}

/** An empty year is one friendly card held a little longer than a normal card. */
const EMPTY_CARD_SECONDS = 4;

export const DEFAULT_CARDS_PER_SEGMENT = 12;

/**
 * Renders a member's yearly video: one PNG per card, then ffmpeg holds and
 * fades them into an MP4. Works in a private temporary directory that is always removed.
 */
export async function renderYearVideo(
  pocs: SearchablePoc[],
  member: string,
  year: number,
  options: VideoOptions,
): Promise<RenderedVideo> {
  const storyboard = buildStoryboard(pocs, member, year, options.maxPocs);
  const dir = await mkdtemp(join(tmpdir(), 'pocdojo-video-'));
  try {
    const cards: TimelineCard[] = [];
    for (const [index, card] of storyboard.cards.entries()) {
      options.signal?.throwIfAborted();
      const file = join(dir, `card-${String(index).padStart(4, '0')}.jpg`);
      await writeFile(file, await drawCard(card, index));
      cards.push({ file, seconds: card.kind === 'empty' ? EMPTY_CARD_SECONDS : options.secondsPerCard });
      options.onProgress?.((0.15 * (index + 1)) / storyboard.cards.length, 'drawing');
    }
    const output = join(dir, 'video.mp4');
    const durationSeconds = timelineSeconds(cards);
    const segments = chunk(cards, options.cardsPerSegment ?? DEFAULT_CARDS_PER_SEGMENT);
    let encoded = 0;
    const segmentFiles: string[] = [];
    for (const [index, segment] of segments.entries()) {
      const file = segments.length === 1 ? output : join(dir, `segment-${index}.mp4`);
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
    if (segments.length > 1) await joinSegments(options, dir, segmentFiles, output);
    const body = await readFile(output);
    return { body, contentType: 'video/mp4', extension: 'mp4', durationSeconds, cards: cards.length };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
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
