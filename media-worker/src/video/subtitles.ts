import { type Card, cardTexts } from './storyboard.ts';

/** `HH:MM:SS,mmm` of a frame count. */
function timestamp(frames: number, fps: number): string {
  const ms = Math.round((frames / fps) * 1000);
  const pad = (value: number, width = 2) => String(value).padStart(width, '0');
  return `${pad(Math.floor(ms / 3_600_000))}:${pad(Math.floor(ms / 60_000) % 60)}:${pad(Math.floor(ms / 1000) % 60)},${pad(ms % 1000, 3)}`;
}

/**
 * The cards' words as SubRip subtitles, one cue per card for exactly as long as
 * the card is on screen: the video's text for people who cannot see it or
 * watch it muted, embedded in the MP4 as its text track.
 */
export function cardSubtitles(cards: { card: Card; frames: number }[], fps: number): string {
  let start = 0;
  return cards
    .map(({ card, frames }, index) => {
      const cue = `${index + 1}\n${timestamp(start, fps)} --> ${timestamp(start + frames, fps)}\n${cardTexts(card)
        .filter((line) => line.trim() !== '')
        .join('\n')}\n`;
      start += frames;
      return cue;
    })
    .join('\n');
}
