import { bankOcr } from './builtin/bank-ocr.ts';
import { bowlingGame } from './builtin/bowling-game.ts';
import { fizzBuzz } from './builtin/fizzbuzz.ts';
import { gameOfLife } from './builtin/game-of-life.ts';
import { gildedRose } from './builtin/gilded-rose.ts';
import { marsRover } from './builtin/mars-rover.ts';
import { romanNumerals } from './builtin/roman-numerals.ts';
import { stringCalculator } from './builtin/string-calculator.ts';
import { tennis } from './builtin/tennis.ts';
import { wordWrap } from './builtin/word-wrap.ts';
import { type Kata, kataSchema } from './kata.ts';

export type { Kata, StarterSet } from './kata.ts';
export { type Language, Languages } from './language.ts';

/**
 * Validates and deep-freezes the catalogue once, at import: a broken built-in
 * kata stops the service at start instead of reaching a dojo ticket, and no
 * request handler can alter the shared catalogue.
 */
function loadCatalogue(katas: readonly Kata[]): readonly Kata[] {
  const seen = new Set<string>();
  for (const kata of katas) {
    const result = kataSchema.safeParse(kata);
    if (!result.success) {
      throw new Error(`built-in kata "${kata.id}" is invalid: ${result.error.message}`);
    }
    if (seen.has(kata.id)) throw new Error(`built-in kata id "${kata.id}" is used twice`);
    seen.add(kata.id);
  }
  return deepFreeze([...katas]);
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/** The katas every tenant can pick, in the order a picker shows them (easiest first, roughly). */
export const builtinKatas: readonly Kata[] = loadCatalogue([
  fizzBuzz,
  romanNumerals,
  stringCalculator,
  wordWrap,
  bowlingGame,
  gameOfLife,
  marsRover,
  tennis,
  bankOcr,
  gildedRose,
]);

const byId: ReadonlyMap<string, Kata> = new Map(builtinKatas.map((kata) => [kata.id, kata]));

/** The built-in kata with this id, or undefined. */
export function findBuiltinKata(id: string): Kata | undefined {
  return byId.get(id);
}
