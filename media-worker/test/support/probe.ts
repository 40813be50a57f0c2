import { spawn } from 'node:child_process';

/** What `ffmpeg -i` and a full decode say about a video file (no ffprobe ships with the bundled ffmpeg). */
export interface VideoProbe {
  codec: string;
  profile: string;
  pixelFormat: string;
  width: number;
  height: number;
  fps: number;
  /** Container duration, seconds. */
  duration: number;
  /** Frames counted by decoding the whole file. */
  frames: number;
  /** True when the `moov` atom comes before `mdat` (+faststart). */
  faststart: boolean;
  /** Codec of the audio stream, null when silent. */
  audio: string | null;
  /** Mean volume of the audio track (dB), -Infinity without one. */
  meanVolumeDb: number;
}

function run(ffmpeg: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(ffmpeg, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.once('error', reject);
    child.once('close', () => resolve(stderr));
  });
}

export async function probeVideo(ffmpeg: string, file: string, bytes: Uint8Array): Promise<VideoProbe> {
  const info = await run(ffmpeg, ['-hide_banner', '-i', file]);
  const stream = /Stream #0:0.*?: Video: (\w+) \(([^)]+)\).*?, (\w+)(?:\([^)]*\))?, (\d+)x(\d+).*?, ([\d.]+) fps/.exec(
    info,
  );
  const duration = /Duration: (\d+):(\d+):([\d.]+)/.exec(info);
  if (!stream || !duration) throw new Error(`unexpected ffmpeg -i output:\n${info}`);
  const decode = await run(ffmpeg, [
    '-hide_banner',
    '-nostats',
    '-i',
    file,
    '-map',
    '0:v',
    '-f',
    'null',
    '-',
    '-map',
    '0:a?',
    '-af',
    'volumedetect',
    '-f',
    'null',
    '-',
    '-loglevel',
    'info',
    '-stats',
  ]);
  const frames = [...decode.matchAll(/frame=\s*(\d+)/g)].at(-1);
  const text = Buffer.from(bytes.subarray(0, Math.min(bytes.length, 1 << 20))).toString('latin1');
  return {
    codec: stream[1],
    profile: stream[2],
    pixelFormat: stream[3],
    width: Number(stream[4]),
    height: Number(stream[5]),
    fps: Number(stream[6]),
    duration: Number(duration[1]) * 3600 + Number(duration[2]) * 60 + Number(duration[3]),
    frames: frames ? Number(frames[1]) : 0,
    audio: /Stream #0:\d+.*?: Audio: (\w+)/.exec(info)?.[1] ?? null,
    meanVolumeDb: Number(/mean_volume: (-?[\d.]+) dB/.exec(decode)?.[1] ?? Number.NEGATIVE_INFINITY),
    faststart: text.indexOf('moov') >= 0 && (text.indexOf('mdat') < 0 || text.indexOf('moov') < text.indexOf('mdat')),
  };
}

/** The video's text track (the cards' words) as SubRip text, and its language tag. */
export async function videoSubtitles(ffmpeg: string, file: string): Promise<{ text: string; language: string | null }> {
  const info = await run(ffmpeg, ['-hide_banner', '-i', file]);
  const text = await new Promise<string>((resolve, reject) => {
    const child = spawn(ffmpeg, ['-hide_banner', '-loglevel', 'error', '-i', file, '-map', '0:s:0', '-f', 'srt', '-'], {
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
    });
    child.once('error', reject);
    child.once('close', () => resolve(out));
  });
  // The bundled ffmpeg wraps each cue in <font> tags and ends lines with CR LF: keep the words.
  return {
    text: text.replace(/<[^>]+>/g, '').replace(/\r/g, ''),
    language: /Stream #0:\d+\((\w+)\): Subtitle/.exec(info)?.[1] ?? null,
  };
}
