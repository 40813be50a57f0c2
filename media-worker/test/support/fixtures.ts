import { randomUUID } from 'node:crypto';
import type { SearchablePoc } from '@pocdojo/common/contracts/poc';
import type { PocStatus } from '@pocdojo/common/contracts/vocabularies';
import type { Member } from '../../src/domain/poc-source.ts';

export const tenantA = '11111111-1111-4111-8111-111111111111';
export const tenantB = '22222222-2222-4222-8222-222222222222';

export const alice: Member = {
  id: 'aaaaaaaa-0000-4000-8000-000000000001',
  name: 'Alice Martin',
  email: 'alice@a.test',
  role: 'owner',
};
export const bob: Member = {
  id: 'bbbbbbbb-0000-4000-8000-000000000002',
  name: 'Bob Ndiaye',
  email: 'bob@a.test',
  role: 'member',
};

/** A POC with sensible defaults; `date` sets startedAt (and createdAt a week earlier). */
export function poc(
  overrides: Partial<SearchablePoc> & { name: string; date: string; status?: PocStatus },
): SearchablePoc {
  const { date, ...rest } = overrides;
  const started = new Date(date);
  return {
    id: randomUUID(),
    tenantId: tenantA,
    ownerId: alice.id,
    description: `${overrides.name}: a proof of concept`,
    languages: ['TypeScript'],
    tags: [],
    status: 'active',
    repoUrl: null,
    startedAt: started.toISOString(),
    finishedAt: null,
    createdAt: new Date(started.getTime() - 7 * 86_400_000).toISOString(),
    updatedAt: started.toISOString(),
    version: 1,
    ...rest,
  };
}

/** A small, hand-countable tenant for 2026: 5 POCs of Alice and Bob. */
export function smallTenant(): SearchablePoc[] {
  return [
    poc({
      name: 'Edge cache',
      date: '2026-01-10',
      languages: ['Go', 'TypeScript'],
      tags: ['perf', 'infra'],
      status: 'done',
      finishedAt: '2026-02-03T10:00:00.000Z',
    }),
    poc({ name: 'Vector search', date: '2026-02-14', languages: ['Python'], tags: ['ml', 'search'], status: 'active' }),
    poc({
      name: 'Sync engine',
      date: '2026-02-20',
      languages: ['Rust', 'TypeScript'],
      tags: ['perf', 'realtime'],
      status: 'done',
      finishedAt: '2026-03-30T10:00:00.000Z',
    }),
    poc({
      name: 'Kata timer',
      date: '2026-03-05',
      ownerId: bob.id,
      languages: ['TypeScript'],
      tags: ['dojo'],
      status: 'idea',
      startedAt: null,
      createdAt: '2026-03-05T09:00:00.000Z',
    }),
    poc({
      name: 'Log shipper',
      date: '2026-03-18',
      ownerId: bob.id,
      languages: ['Go'],
      tags: ['infra', 'perf'],
      status: 'archived',
      startedAt: null,
      createdAt: '2026-03-18T09:00:00.000Z',
    }),
  ];
}

/** `count` POCs spread over a year, deterministic (no randomness beyond ids). */
export function manyPocs(count: number, year: number, ownerIds: string[]): SearchablePoc[] {
  const languages = ['TypeScript', 'Go', 'Python', 'Rust', 'Kotlin', 'Swift', 'Java', 'Elixir'];
  const tags = ['perf', 'infra', 'ml', 'search', 'realtime', 'dojo', 'security', 'mobile', 'data', 'ui', 'cli', 'edge'];
  const statuses: PocStatus[] = ['idea', 'active', 'done', 'done', 'archived'];
  return Array.from({ length: count }, (_, index) => {
    const day = Math.floor((index * 364) / Math.max(1, count));
    const date = new Date(Date.UTC(year, 0, 1 + day, 9 + (index % 8)));
    const status = statuses[index % statuses.length];
    return poc({
      name: `Proof ${index + 1}: ${tags[index % tags.length]} with ${languages[index % languages.length]}`,
      date: date.toISOString(),
      ownerId: ownerIds[index % ownerIds.length],
      languages: [
        languages[index % languages.length],
        ...(index % 3 === 0 ? [languages[(index + 3) % languages.length]] : []),
      ],
      tags: [tags[index % tags.length], tags[(index * 7 + 1) % tags.length]],
      status,
      finishedAt: status === 'done' ? new Date(date.getTime() + 20 * 86_400_000).toISOString() : null,
    });
  });
}
