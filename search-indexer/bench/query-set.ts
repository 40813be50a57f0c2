import type { SearchablePoc } from '@pocdojo/common/contracts/poc';
import { misspell, random } from './generate-pocs.ts';

export const QueryKinds = ['exact', 'misspelled', 'prefix', 'faceted'] as const;
export type QueryKind = (typeof QueryKinds)[number];

/** One benchmark query, and the POC it was derived from (for recall). */
export interface BenchQuery {
  kind: QueryKind;
  tenantId: string;
  q: string;
  languages: string[];
  tags: string[];
  targetId: string;
}

/**
 * Queries a user would type, derived from random POCs: two whole words of the
 * name (exact), the same with one typo in each word (misspelled), a word plus
 * the first letters of the next (prefix), and a word with a language and a tag
 * filter (faceted).
 */
export function buildQueries(pocs: SearchablePoc[], perKind: number, seed = 7): BenchQuery[] {
  const rng = random(seed);
  const out: BenchQuery[] = [];
  for (const kind of QueryKinds) {
    for (let i = 0; i < perKind; i++) {
      const target = pocs[Math.floor(rng() * pocs.length)];
      const words = target.name.toLowerCase().split(' ');
      const base = {
        kind,
        tenantId: target.tenantId,
        languages: [] as string[],
        tags: [] as string[],
        targetId: target.id,
      };
      if (kind === 'exact') out.push({ ...base, q: `${words[1]} ${words[2]}` });
      if (kind === 'misspelled') {
        const typo = (w: string) => (w.length >= 5 ? misspell(rng, w) : w);
        out.push({ ...base, q: `${typo(words[1])} ${typo(words[2])}` });
      }
      if (kind === 'prefix') out.push({ ...base, q: `${words[1]} ${words[2].slice(0, 3)}` });
      if (kind === 'faceted') {
        out.push({ ...base, q: words[1], languages: [target.languages[0]], tags: [target.tags[0]] });
      }
    }
  }
  return out;
}

/** p-th percentile (nearest rank) of unsorted samples. */
export function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}
