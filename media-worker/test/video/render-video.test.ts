import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import { reader } from '../../src/i18n/reader.ts';
import { defaultFfmpegPath } from '../../src/video/ffmpeg.ts';
import { renderYearVideo } from '../../src/video/render-video.ts';
import { VideoFormat } from '../../src/video/timeline.ts';
import { alice, poc } from '../support/fixtures.ts';
import { probeVideo, videoSubtitles } from '../support/probe.ts';

const ffmpegPath = defaultFfmpegPath();

async function probe(body: Uint8Array) {
  const dir = await mkdtemp(join(tmpdir(), 'probe-'));
  try {
    const file = join(dir, 'video.mp4');
    await writeFile(file, body);
    return { ...(await probeVideo(ffmpegPath, file, body)), subtitles: await videoSubtitles(ffmpegPath, file) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const story = (pocs: ReturnType<typeof poc>[], maxPocs = 24) => ({
  pocs,
  member: alice.name,
  team: 'Equipe Ágil',
  year: 2026,
  maxPocs,
  dojos: [],
  reader: reader('pt-BR'),
});

test('a year of POCs becomes a 1280×720 H.264 yuv420p MP4 with its soundtrack, as long as its cards', async (t) => {
  const pocs = [
    poc({ name: 'Second', date: '2026-05-02', languages: ['Go'], tags: ['infra'] }),
    poc({ name: 'First', date: '2026-01-20', languages: ['TypeScript', 'Rust'], tags: ['perf', 'realtime'] }),
  ];
  const fractions: number[] = [];
  const video = await renderYearVideo(story(pocs), {
    ffmpegPath,
    secondsPerCard: 1,
    onProgress: (fraction) => fractions.push(fraction),
  });
  // intro, POC grid, dojos and closing 1 s each; the three charts 2 s each.
  t.deepEqual(
    video.storyboard.cards.map((card) => card.kind),
    ['intro', 'rhythm', 'ranking', 'ranking', 'pocs', 'dojos', 'closing'],
  );
  t.is(video.durationSeconds, 10);
  const info = await probe(video.body);
  t.is(info.codec, 'h264');
  t.is(info.pixelFormat, 'yuv420p');
  t.is(info.width, 1280);
  t.is(info.height, 720);
  t.is(info.fps, VideoFormat.fps);
  t.is(info.frames, 10 * VideoFormat.fps);
  t.true(Math.abs(info.duration - 10) < 0.1, `duration ${info.duration}`);
  t.true(info.faststart, 'moov atom before mdat');
  t.is(info.audio, 'aac', 'the soundtrack is there');
  // The cards' words ride along as a Portuguese text track, each card's cue as long as the card.
  t.is(info.subtitles.language, 'por');
  t.regex(info.subtitles.text, /^1\n00:00:00,000 --> 00:00:01,000\nO ano de Alice Martin\n2026 na equipe Equipe Ágil/);
  t.regex(info.subtitles.text, /00:00:01,000 --> 00:00:03,000\nMês a mês/);
  t.regex(info.subtitles.text, /Dojos de que você participou/);
  t.regex(info.subtitles.text, /00:00:09,000 --> 00:00:10,000\nQue ano, Alice Martin!\n2 POCs · nenhuma concluída/);
  t.true(info.meanVolumeDb > -40 && info.meanVolumeDb < -10, `audible, not clipping: ${info.meanVolumeDb} dB`);
  t.is(video.contentType, 'video/mp4');
  // Progress goes up and ends at 1.
  t.deepEqual(
    fractions,
    [...fractions].sort((a, b) => a - b),
  );
  t.is(fractions.at(-1), 1);
});

test('a long year is encoded in segments and joined without changing length, format or faststart', async (t) => {
  const pocs = Array.from({ length: 7 }, (_, index) =>
    poc({ name: `P${index}`, date: `2026-0${index + 1}-03`, tags: ['demo'] }),
  );
  const fractions: number[] = [];
  const video = await renderYearVideo(story(pocs), {
    ffmpegPath,
    secondsPerCard: 0.8,
    cardsPerSegment: 3,
    onProgress: (fraction) => fractions.push(fraction),
  });
  // 8 cards (two POC grids) in segments of 3 + 3 + 2: 5 stills of 20 frames, 3 charts of 45.
  t.is(video.cards, 8);
  const info = await probe(video.body);
  t.is(info.codec, 'h264');
  t.is(info.width, 1280);
  t.is(info.height, 720);
  t.is(info.fps, VideoFormat.fps);
  t.is(info.frames, 5 * 20 + 3 * 45);
  t.true(Math.abs(info.duration - 9.4) < 0.1, `duration ${info.duration}`);
  t.true(info.faststart);
  t.deepEqual(
    fractions,
    [...fractions].sort((a, b) => a - b),
    'progress only goes up across segments',
  );
  t.is(fractions.at(-1), 1);
});

test('an empty year gives a short friendly video, not an error', async (t) => {
  const video = await renderYearVideo(story([]), { ffmpegPath, secondsPerCard: 1 });
  t.is(video.cards, 1);
  const info = await probe(video.body);
  t.is(info.codec, 'h264');
  t.is(info.width, 1280);
  t.true(info.duration >= 3 && info.duration <= 6, `duration ${info.duration}`);
});

test('an aborted render stops ffmpeg and rejects with the abort reason', async (t) => {
  const controller = new AbortController();
  const pocs = Array.from({ length: 6 }, (_, index) => poc({ name: `P${index}`, date: `2026-0${index + 1}-01` }));
  const render = renderYearVideo(story(pocs), {
    ffmpegPath,
    secondsPerCard: 3,
    signal: controller.signal,
    onProgress: (_, stage) => {
      if (stage === 'encoding') controller.abort(new Error('stop now'));
    },
  });
  await t.throwsAsync(render, { message: 'stop now' });
});
