/**
 * A short two-note chime made with Web Audio (no sound file to download):
 * the audible half of "you drive now". Browsers may keep audio suspended
 * until the page has had a click or key press; by the first rotation the
 * user has usually typed, and a silent chime is harmless.
 */
let context: AudioContext | null = null;

export function playChime(): void {
  try {
    context ??= new AudioContext();
    void context.resume().catch(() => undefined);
    const now = context.currentTime;
    for (const [i, frequency] of [660, 880].entries()) {
      const oscillator = context.createOscillator();
      const gain = context.createGain();
      oscillator.frequency.value = frequency;
      gain.gain.setValueAtTime(0.0001, now + i * 0.18);
      gain.gain.exponentialRampToValueAtTime(0.2, now + i * 0.18 + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, now + i * 0.18 + 0.16);
      oscillator.connect(gain).connect(context.destination);
      oscillator.start(now + i * 0.18);
      oscillator.stop(now + i * 0.18 + 0.17);
    }
  } catch {
    // No audio device or API: the visible cue stays.
  }
}
