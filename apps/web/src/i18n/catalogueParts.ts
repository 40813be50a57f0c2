/**
 * The web app's catalogue ships in two parts per language, so that the first
 * load (the landing page, signed out) carries only the words a visitor can
 * read: `public` holds the keys of everything reachable signed out, `member`
 * everything else and is fetched once someone signs in. A key is public when
 * it starts with one of these prefixes; every other key is a member's.
 * Read by the build (scripts/catalogue-parts-plugin.ts) and by the app.
 */
export const PUBLIC_PREFIXES = [
  'app.',
  'layout.',
  'problem.',
  'password.',
  'landing.',
  'login.',
  'signup.',
  'reset.',
  'invite.',
  'verify.',
  'unlock.',
  'mfa.step.',
  'privacy.',
] as const;

export const CATALOGUE_PARTS = ['public', 'member'] as const;
export type CataloguePart = (typeof CATALOGUE_PARTS)[number];

/** The part a key ships in. */
export const partOf = (key: string): CataloguePart =>
  PUBLIC_PREFIXES.some((prefix) => key.startsWith(prefix)) ? 'public' : 'member';
