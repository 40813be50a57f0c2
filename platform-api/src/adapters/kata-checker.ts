import type { RunResult } from '@pocdojo/common/contracts/kata-runs';
import type { StarterSet } from '../katas/kata.ts';
import type { Language } from '../katas/language.ts';

/** One language's verdict on a team kata's starters. */
export interface StarterCheck {
  language: Language;
  colour: RunResult['colour'] | 'unavailable';
  reason?: string;
  summary: string;
}

/**
 * Runs a team kata's starter sets in kata-runner's sandbox (`POST /internal/v1/check`), one
 * language after the other, and answers each light. A starter set must run to a verdict: red (the
 * stub fails its tests, as a kata starts) or green; amber (does not compile, no tests, a limit)
 * means the kata would greet every dojo with an amber light, so it is refused.
 */
export function httpKataChecker(baseUrl: string, internalToken: string, timeoutMs = 90_000) {
  const url = `${baseUrl.replace(/\/$/, '')}/internal/v1/check`;
  return async function check(starters: Partial<Record<Language, StarterSet>>): Promise<StarterCheck[]> {
    const checks: StarterCheck[] = [];
    for (const [language, set] of Object.entries(starters) as Array<[Language, StarterSet]>) {
      try {
        const response = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${internalToken}` },
          body: JSON.stringify({ language, files: set.files }),
          signal: AbortSignal.timeout(timeoutMs),
        });
        if (!response.ok) {
          checks.push({ language, colour: 'unavailable', summary: `kata-runner answered ${response.status}` });
          continue;
        }
        const result = (await response.json()) as RunResult;
        checks.push({ language, colour: result.colour, reason: result.reason, summary: result.summary });
      } catch {
        checks.push({ language, colour: 'unavailable', summary: 'kata-runner did not answer' });
      }
    }
    return checks;
  };
}

export type KataChecker = ReturnType<typeof httpKataChecker>;
