/**
 * The yearly video's soundtrack, synthesized by ffmpeg itself (`aevalsrc`), so it
 * is ours to ship: no sample, no licence to track. A four-chord loop
 * (C – G – Am – F, two seconds each at 120 bpm) with a plucked arpeggio in
 * eighth notes over a soft pad, faded in and out over the video's length.
 */

/** Chord roots in Hz (C3, G2, A2, F2) and whether the chord is minor. */
const chords = [
  { root: 130.81, minor: false },
  { root: 98.0, minor: false },
  { root: 110.0, minor: true },
  { root: 87.31, minor: false },
] as const;

const CHORD_SECONDS = 2;
const NOTE_SECONDS = 0.25;

function pick(index: string, values: readonly (number | string)[]): string {
  // if(eq(i,0),v0,if(eq(i,1),v1,…,vLast))
  return values
    .slice(0, -1)
    .reduceRight<string>(
      (rest, value, position) => `if(eq(${index}\\,${position})\\,${value}\\,${rest})`,
      String(values.at(-1)),
    );
}

/** The `aevalsrc` expression: pad plus arpeggio, each note enveloped so chord changes do not click. */
export function musicExpression(): string {
  const chord = `mod(floor(t/${CHORD_SECONDS})\\,${chords.length})`;
  const note = `mod(floor(t/${NOTE_SECONDS})\\,4)`;
  const root = pick(
    chord,
    chords.map((c) => c.root),
  );
  const third = pick(
    chord,
    chords.map((c) => (c.minor ? 3 : 4)),
  );
  const semitone = `if(eq(${note}\\,0)\\,0\\,if(eq(${note}\\,1)\\,${third}\\,if(eq(${note}\\,2)\\,7\\,12)))`;
  const x = `mod(t\\,${NOTE_SECONDS})`;
  const pluck = `min(1\\,${x}*200)*exp(-9*${x})*(1-${x}/${NOTE_SECONDS})`;
  const arpeggio = `0.22*${pluck}*sin(2*PI*2*(${root})*pow(2\\,(${semitone})/12)*t)`;
  const y = `mod(t\\,${CHORD_SECONDS})`;
  const swell = `min(1\\,${y}*8)*min(1\\,(${CHORD_SECONDS}-${y})*8)`;
  const pad = `${swell}*(0.10*sin(2*PI*(${root})*t)+0.05*sin(2*PI*1.5*(${root})*t)+0.03*sin(2*PI*2*(${root})*t))`;
  return `${arpeggio}+${pad}`;
}

/** One pass of the chord loop; the video repeats it as long as it needs. */
export const LOOP_SECONDS = CHORD_SECONDS * chords.length;

/** Arguments that synthesize one loop of the soundtrack as 16-bit stereo WAV. */
export function loopArgs(output: string): string[] {
  return [
    '-y',
    '-loglevel',
    'error',
    '-f',
    'lavfi',
    '-i',
    `aevalsrc=exprs=${musicExpression()}:s=44100:d=${LOOP_SECONDS},aformat=channel_layouts=stereo`,
    '-c:a',
    'pcm_s16le',
    output,
  ];
}

/**
 * Arguments that add the soundtrack (the loop repeated, faded in and out) and
 * the cards' subtitle track (SRT → mov_text, ISO 639-2 language) to a finished
 * video without re-encoding its picture.
 */
export function muxMusicArgs(
  video: string,
  loop: string,
  seconds: number,
  output: string,
  subtitles: { file: string; language: string },
): string[] {
  const fadeOut = Math.min(2, seconds / 4);
  return [
    '-y',
    '-loglevel',
    'error',
    '-i',
    video,
    '-stream_loop',
    '-1',
    '-i',
    loop,
    '-i',
    subtitles.file,
    '-map',
    '0:v',
    '-map',
    '1:a',
    '-map',
    '2:s',
    '-c:s',
    'mov_text',
    '-metadata:s:s:0',
    `language=${subtitles.language}`,
    '-filter:a',
    `afade=t=in:d=0.5,afade=t=out:st=${(seconds - fadeOut).toFixed(2)}:d=${fadeOut.toFixed(2)}`,
    '-t',
    seconds.toFixed(2),
    '-c:v',
    'copy',
    '-c:a',
    'aac',
    '-b:a',
    '128k',
    '-movflags',
    '+faststart',
    output,
  ];
}
