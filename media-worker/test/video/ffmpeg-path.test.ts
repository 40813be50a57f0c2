import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import test from 'ava';
import { defaultFfmpegPath } from '../../src/video/ffmpeg.ts';

test('without FFMPEG_PATH the first executable ffmpeg on PATH is used, and its absence is a clear error', (t) => {
  const empty = mkdtempSync(join(tmpdir(), 'no-ffmpeg-'));
  const bin = mkdtempSync(join(tmpdir(), 'ffmpeg-bin-'));
  writeFileSync(join(bin, 'ffmpeg'), '#!/bin/sh\n');
  chmodSync(join(bin, 'ffmpeg'), 0o755);
  t.is(defaultFfmpegPath([empty, bin].join(delimiter)), join(bin, 'ffmpeg'));
  t.throws(() => defaultFfmpegPath(empty), {
    message: /ffmpeg not found on PATH: install it \(Debian: apt-get install ffmpeg\)/,
  });
});
