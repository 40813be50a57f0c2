import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import { defaultFfmpegPath } from '../../src/video/ffmpeg.ts';
import { VideoFormat } from '../../src/video/timeline.ts';
import { alice, bob, poc, tenantA } from '../support/fixtures.ts';
import { type Harness, ofJob, startHarness, videoJob } from '../support/harness.ts';
import { probeVideo, videoSubtitles } from '../support/probe.ts';

let h: Harness;
test.before(async () => {
  h = await startHarness({ videoSecondsPerCard: 1 });
  h.stub.pocs = [
    poc({ name: 'Realtime whiteboard', date: '2026-04-02', languages: ['TypeScript'], tags: ['realtime'] }),
    poc({ name: 'Tiny compiler', date: '2026-02-11', languages: ['Rust'], tags: ['lang'], status: 'done' }),
    poc({ name: 'Last year', date: '2025-12-30' }),
    poc({ name: "Bob's POC", date: '2026-03-01', ownerId: bob.id }),
  ];
  const dojoId = '0d0d0d0d-0000-4000-8000-000000000001';
  h.stub.dojos.set(tenantA, [{ id: dojoId, title: 'Quinta do TDD' }]);
  h.stub.memberDojos.set(alice.id, [{ dojoId, joinedAt: '2026-03-12T18:00:00.000Z', runs: ['red', 'amber', 'green'] }]);
});
test.after.always(async () => {
  await h?.close();
});

test.serial(
  "a video job renders the member's year through the queue, with progress, into a playable MP4",
  async (t) => {
    const job = videoJob(tenantA, {
      userId: alice.id,
      userName: alice.name,
      year: 2026,
      locale: 'en',
      tenantName: 'Acme Labs',
    });
    await h.send(job);
    await h.waitFor(
      (results) => ofJob(results, job.data.jobId).completed.length + ofJob(results, job.data.jobId).failed.length > 0,
      90_000,
    );
    const { progress, completed, failed, all } = ofJob(h.results, job.data.jobId);
    t.deepEqual(failed, []);
    t.true(
      progress.some((p) => p.type === 'media.progress' && p.data.stage === 'encoding'),
      'encoding progress reported',
    );
    t.is(all.at(-1)?.type, 'media.completed');
    const done = completed[0];
    if (done.type !== 'media.completed') return t.fail();
    t.is(done.data.key, `tenants/${tenantA}/videos/${alice.id}/2026-${job.data.jobId}.mp4`);
    t.is(done.data.contentType, 'video/mp4');

    const object = await h.getObject(done.data.key);
    t.is(object.body.byteLength, done.data.bytes);
    const dir = await mkdtemp(join(tmpdir(), 'video-job-'));
    try {
      const file = join(dir, 'v.mp4');
      await writeFile(file, object.body);
      const info = await probeVideo(defaultFfmpegPath(), file, object.body);
      t.is(info.codec, 'h264');
      t.is(info.width, 1280);
      t.is(info.height, 720);
      t.is(info.pixelFormat, 'yuv420p');
      t.is(info.fps, VideoFormat.fps);
      // Alice has 2 POCs in 2026 (the 2025 one and Bob's are left out): intro, one POC grid, dojos and closing
      // at 1 s, the monthly rhythm, languages and tags charts at 2 s.
      t.is(info.frames, 10 * VideoFormat.fps);
      t.true(Math.abs(info.duration - 10) < 0.1, `duration ${info.duration}`);
      t.is(info.audio, 'aac');
      // The cards, read back from the video's text track: in English, naming the team and the dojo joined.
      const { text, language } = await videoSubtitles(defaultFfmpegPath(), file);
      t.is(language, 'eng');
      for (const words of [
        "Alice Martin's year\n2026 at Acme Labs\n2 POCs · 1 finished · 2 languages",
        'Month by month\nBusiest month: February 2026',
        'Top languages\nRust\nTypeScript',
        'What you built\nTiny compiler\nFebruary 2026\nDone\nRealtime whiteboard\nApril 2026\nActive',
        'Dojos you joined\nQuinta do TDD\nMarch 12, 2026\n3 test runs',
        'Made with PocDojo for Acme Labs',
      ]) {
        t.true(text.includes(words), `the video says:\n${words}\n---\n${text}`);
      }
      t.false(text.includes("Bob's POC") || text.includes('Last year'), 'only the member’s POCs of the year');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  },
);

test.serial(
  'when the dojo engine cannot answer, the video is made without its dojos card rather than failed',
  async (t) => {
    h.stub.engineDown = true;
    try {
      const job = videoJob(tenantA, { userId: alice.id, userName: alice.name, year: 2026, locale: 'pt-BR' });
      await h.send(job);
      await h.waitFor(
        (results) => ofJob(results, job.data.jobId).completed.length + ofJob(results, job.data.jobId).failed.length > 0,
        90_000,
      );
      const done = ofJob(h.results, job.data.jobId).completed[0];
      if (done?.type !== 'media.completed') return t.fail(JSON.stringify(ofJob(h.results, job.data.jobId).all));
      const object = await h.getObject(done.data.key);
      const dir = await mkdtemp(join(tmpdir(), 'video-job-'));
      try {
        const file = join(dir, 'v.mp4');
        await writeFile(file, object.body);
        const { text } = await videoSubtitles(defaultFfmpegPath(), file);
        t.regex(text, /O ano de Alice Martin/);
        t.notRegex(text, /Dojos de que você participou|Nenhum dojo/, 'no dojos card, and no claim of none');
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    } finally {
      h.stub.engineDown = false;
    }
  },
);
