import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import { defaultFfmpegPath } from '../../src/video/ffmpeg.ts';
import { renderYearVideo } from '../../src/video/render-video.ts';
import { VideoFormat } from '../../src/video/timeline.ts';
import { alice, poc } from '../support/fixtures.ts';
import { probeVideo } from '../support/probe.ts';

const ffmpegPath = defaultFfmpegPath();

async function probe(body: Uint8Array) {
  const dir = await mkdtemp(join(tmpdir(), 'probe-'));
  try {
    const file = join(dir, 'video.mp4');
    await writeFile(file, body);
    return await probeVideo(ffmpegPath, file, body);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

test('a year of POCs becomes a 1280×720 H.264 yuv420p MP4 whose length follows the POC count', async (t) => {
  const pocs = [
    poc({ name: 'Second', date: '2026-05-02', languages: ['Go'], tags: ['infra'] }),
    poc({ name: 'First', date: '2026-01-20', languages: ['TypeScript', 'Rust'], tags: ['perf', 'realtime'] }),
  ];
  const fractions: number[] = [];
  const video = await renderYearVideo(pocs, alice.name, 2026, {
    ffmpegPath,
    secondsPerCard: 1,
    maxPocs: 200,
    onProgress: (fraction) => fractions.push(fraction),
  });
  // intro + 2 POCs + closing, 1 s each.
  t.is(video.cards, 4);
  t.is(video.durationSeconds, 4);
  const info = await probe(video.body);
  t.is(info.codec, 'h264');
  t.is(info.pixelFormat, 'yuv420p');
  t.is(info.width, 1280);
  t.is(info.height, 720);
  t.is(info.fps, VideoFormat.fps);
  t.is(info.frames, 4 * VideoFormat.fps);
  t.true(Math.abs(info.duration - 4) < 0.1, `duration ${info.duration}`);
  t.true(info.faststart, 'moov atom before mdat');
  t.is(video.contentType, 'video/mp4');
  // Progress goes up and ends at 1.
  t.deepEqual(
    fractions,
    [...fractions].sort((a, b) => a - b),
  );
  t.is(fractions.at(-1), 1);
});

test('a long year is encoded in segments and joined without changing length, format or faststart', async (t) => {
  const pocs = Array.from({ length: 5 }, (_, index) => poc({ name: `P${index}`, date: `2026-0${index + 1}-03` }));
  const fractions: number[] = [];
  const video = await renderYearVideo(pocs, alice.name, 2026, {
    ffmpegPath,
    secondsPerCard: 0.8,
    maxPocs: 200,
    cardsPerSegment: 3,
    onProgress: (fraction) => fractions.push(fraction),
  });
  // 7 cards in segments of 3 + 3 + 1, 20 frames each.
  const info = await probe(video.body);
  t.is(info.codec, 'h264');
  t.is(info.width, 1280);
  t.is(info.height, 720);
  t.is(info.fps, VideoFormat.fps);
  t.is(info.frames, 7 * 20);
  t.true(Math.abs(info.duration - 5.6) < 0.1, `duration ${info.duration}`);
  t.true(info.faststart);
  t.deepEqual(
    fractions,
    [...fractions].sort((a, b) => a - b),
    'progress only goes up across segments',
  );
  t.is(fractions.at(-1), 1);
});

test('an empty year gives a short friendly video, not an error', async (t) => {
  const video = await renderYearVideo([], alice.name, 2026, { ffmpegPath, secondsPerCard: 1, maxPocs: 200 });
  t.is(video.cards, 1);
  const info = await probe(video.body);
  t.is(info.codec, 'h264');
  t.is(info.width, 1280);
  t.true(info.duration >= 3 && info.duration <= 6, `duration ${info.duration}`);
});

test('an aborted render stops ffmpeg and rejects with the abort reason', async (t) => {
  const controller = new AbortController();
  const pocs = Array.from({ length: 6 }, (_, index) => poc({ name: `P${index}`, date: `2026-0${index + 1}-01` }));
  const render = renderYearVideo(pocs, alice.name, 2026, {
    ffmpegPath,
    secondsPerCard: 3,
    maxPocs: 200,
    signal: controller.signal,
    onProgress: (_, stage) => {
      if (stage === 'encoding') controller.abort(new Error('stop now'));
    },
  });
  await t.throwsAsync(render, { message: 'stop now' });
});
