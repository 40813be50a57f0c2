/** Encoding settings of the yearly video, chosen for browsers and phones. */
export const VideoFormat = {
  width: 1280,
  height: 720,
  fps: 25,
  /** Dip-to-black at each cut: fade out, then the next card fades in. */
  fadeSeconds: 0.3,
} as const;

export interface TimelineCard {
  /** JPEG path of the card; for an animated card, a printf pattern (`anim-%03d.jpg`) of its frames from 0. */
  file: string;
  seconds: number;
  /** Frames drawn for an animated card (played at `fps`, then the last is held); absent for a still. */
  animationFrames?: number;
}

/** Frames a card lasts; every card is whole frames so the total duration is exact. */
export function cardFrames(seconds: number, fps: number = VideoFormat.fps): number {
  return Math.max(1, Math.round(seconds * fps));
}

/** The video's duration in seconds. */
export function timelineSeconds(cards: TimelineCard[], fps: number = VideoFormat.fps): number {
  return cards.reduce((sum, card) => sum + cardFrames(card.seconds, fps), 0) / fps;
}

/**
 * ffmpeg arguments that turn still cards into the MP4.
 *
 * The bundled ffmpeg (2018) predates `xfade` (4.3), so transitions are a fade
 * to and from black on each card, joined with `concat`. Each still is read once
 * and repeated in memory by the `loop` filter: decoding the image for every
 * frame (`-loop 1` on the input) was the slow path. An animated card is an
 * image sequence whose last frame the same filter holds.
 *
 * H.264 High@4.0, yuv420p, a keyframe every 2 s and `+faststart` (moov atom
 * first) so browsers and phones start playing before the download ends;
 * `-tune stillimage` because most frames repeat the previous one. `superfast`
 * measured ~30 % less CPU than `veryfast` here for a file about twice as large
 * (still ~2 MB per minute of cards); CPU is what bounds a 50-POC render.
 */
export function timelineArgs(cards: TimelineCard[], output: string, fps: number = VideoFormat.fps): string[] {
  if (cards.length === 0) throw new RangeError('a video needs at least one card');
  const inputs = cards.flatMap((card) =>
    card.animationFrames ? ['-framerate', String(fps), '-start_number', '0', '-i', card.file] : ['-i', card.file],
  );
  const fadeFrames = Math.round(VideoFormat.fadeSeconds * fps);
  const chains = cards.map((card, index) => {
    const frames = cardFrames(card.seconds, fps);
    const fade = Math.min(fadeFrames, Math.floor(frames / 3));
    const fades = fade > 0 ? `,fade=t=in:s=0:n=${fade},fade=t=out:s=${frames - fade}:n=${fade}` : '';
    // A still is one frame held; an animation plays its frames, then its last frame is held.
    const drawn = Math.min(card.animationFrames ?? 1, frames);
    const hold = `loop=loop=${frames - drawn}:size=1:start=${drawn - 1}`;
    return (
      `[${index}:v]scale=${VideoFormat.width}:${VideoFormat.height},setsar=1,format=yuv420p,` +
      `${hold},setpts=N/(${fps}*TB)${fades}[c${index}]`
    );
  });
  const joined = `${cards.map((_, index) => `[c${index}]`).join('')}concat=n=${cards.length}:v=1:a=0[out]`;
  return [
    '-y',
    '-loglevel',
    'error',
    ...inputs,
    '-filter_complex',
    [...chains, joined].join(';'),
    '-map',
    '[out]',
    '-r',
    String(fps),
    '-c:v',
    'libx264',
    '-preset',
    'superfast',
    '-tune',
    'stillimage',
    '-profile:v',
    'high',
    '-level',
    '4.0',
    '-pix_fmt',
    'yuv420p',
    '-g',
    String(fps * 2),
    '-movflags',
    '+faststart',
    output,
  ];
}
