import type { TenantId } from '@pocdojo/common/contracts/ids';
import type { SearchablePoc } from '@pocdojo/common/contracts/poc';
import { SearchLimits } from '@pocdojo/common/contracts/search';
import { Problem } from '@pocdojo/common/runtime/problem';
import type { TestFn } from 'ava';
import type { SearchEngine } from '../../src/domain/search-engine.ts';
import type { RawQuery } from '../../src/domain/search-query.ts';
import { newTenant, poc, query } from './fixtures.ts';

/** A fresh engine for one test file, and how to dispose of it. */
export type EngineFactory = () => Promise<{ engine: SearchEngine; dispose(): Promise<void> }>;

type Context = { engine: SearchEngine; dispose(): Promise<void> };

/**
 * The behaviour every {@link SearchEngine} adapter must show (architecture §6):
 * Meilisearch's typo rules, prefix on the last word, filters, facets,
 * highlights, ranking, pagination, tenant isolation and safe handling of bad
 * queries. Each test works in its own tenant, so tests run concurrently on one engine.
 */
export function runSearchEngineConformance(anyTest: TestFn, factory: EngineFactory): void {
  const test = anyTest as TestFn<Context>;

  test.before(async (t) => {
    Object.assign(t.context, await factory());
  });
  test.after.always(async (t) => {
    await t.context.dispose?.();
  });

  async function seed(engine: SearchEngine, docs: SearchablePoc[]): Promise<void> {
    await engine.upsert(docs);
  }
  async function names(engine: SearchEngine, tenantId: TenantId, params: RawQuery): Promise<string[]> {
    const result = await engine.search(query(tenantId, params));
    return result.hits.map((hit) => hit.name);
  }

  test('words under 5 letters must match exactly', async (t) => {
    const tenant = newTenant();
    await seed(t.context.engine, [poc(tenant, { name: 'Rust parser' })]);
    t.deepEqual(await names(t.context.engine, tenant, { q: 'rust' }), ['Rust parser']);
    t.deepEqual(await names(t.context.engine, tenant, { q: 'rist' }), [], 'one substitution in a 4-letter word');
    t.deepEqual(await names(t.context.engine, tenant, { q: 'rsut' }), [], 'a swap in a 4-letter word');
  });

  test('words of 5 to 8 letters tolerate one typo, a swap included', async (t) => {
    const tenant = newTenant();
    await seed(t.context.engine, [poc(tenant, { name: 'Kafka streams demo' })]);
    for (const q of ['kafka', 'kafxa', 'kafkka', 'kafak', 'streasm']) {
      t.deepEqual(await names(t.context.engine, tenant, { q }), ['Kafka streams demo'], q);
    }
    // 'kafa' misses a letter but is a 4-letter query word: typo tolerance goes by the query word's length.
    for (const q of ['kaxxa', 'kfaak', 'strxxms', 'kafa']) {
      t.deepEqual(await names(t.context.engine, tenant, { q }), [], q);
    }
  });

  test('words of 9 letters or more tolerate two typos', async (t) => {
    const tenant = newTenant();
    await seed(t.context.engine, [poc(tenant, { name: 'Terraform modules' })]);
    // 'terarfomr' is two swaps: two typos (Levenshtein would say four).
    for (const q of ['terraform', 'terrafrom', 'tarraferm', 'teraform', 'terarfomr']) {
      t.deepEqual(await names(t.context.engine, tenant, { q }), ['Terraform modules'], q);
    }
    t.deepEqual(await names(t.context.engine, tenant, { q: 'taxxaform' }), [], 'three typos');
  });

  test('the last word matches as a prefix, the others must be whole', async (t) => {
    const tenant = newTenant();
    await seed(t.context.engine, [poc(tenant, { name: 'Typescript monorepo starter' })]);
    t.deepEqual(await names(t.context.engine, tenant, { q: 'typ' }), ['Typescript monorepo starter']);
    t.deepEqual(await names(t.context.engine, tenant, { q: 'monorepo sta' }), ['Typescript monorepo starter']);
    t.deepEqual(await names(t.context.engine, tenant, { q: 'sta monorepo' }), []);
  });

  test('case and accents are ignored', async (t) => {
    const tenant = newTenant();
    await seed(t.context.engine, [poc(tenant, { name: 'Élan vital café' })]);
    t.deepEqual(await names(t.context.engine, tenant, { q: 'CAFE' }), ['Élan vital café']);
    t.deepEqual(await names(t.context.engine, tenant, { q: 'elan' }), ['Élan vital café']);
  });

  const facetDocs = (tenant: string) => [
    poc(tenant, { name: 'Alpha', languages: ['TypeScript'], tags: ['web'] }),
    poc(tenant, { name: 'Bravo', languages: ['Go'], tags: ['cli'] }),
    poc(tenant, { name: 'Charlie', languages: ['TypeScript', 'Go'], tags: ['cli', 'web'] }),
    poc(tenant, { name: 'Delta', languages: ['Rust'], tags: ['web'] }),
  ];

  test('filters: any value within a facet, all facets together', async (t) => {
    const tenant = newTenant();
    await seed(t.context.engine, facetDocs(tenant));
    const sorted = async (params: RawQuery) => (await names(t.context.engine, tenant, params)).sort();
    t.deepEqual(await sorted({ languages: ['TypeScript', 'Go'] }), ['Alpha', 'Bravo', 'Charlie']);
    t.deepEqual(await sorted({ languages: 'TypeScript,Go' }), ['Alpha', 'Bravo', 'Charlie'], 'comma-separated');
    t.deepEqual(await sorted({ languages: 'TypeScript', tags: 'cli' }), ['Charlie']);
    t.deepEqual(await sorted({ languages: 'typescript' }), ['Alpha', 'Charlie'], 'values compare case-insensitively');
    t.deepEqual(await sorted({ tags: 'web' }), ['Alpha', 'Charlie', 'Delta']);
    t.deepEqual(await sorted({ tags: 'nothing-has-this' }), []);
  });

  test('status and owner filter a search too, and every hit carries its status', async (t) => {
    const tenant = newTenant();
    const owner = '8b0f5d4e-1c2a-4f7e-9a3b-2d6c8e0f1a2b';
    await seed(t.context.engine, [
      poc(tenant, { name: 'Go gateway', languages: ['Go'], status: 'done', ownerId: owner }),
      poc(tenant, {
        name: 'Go scheduler',
        description: 'Runs jobs on time',
        languages: ['Go'],
        status: 'active',
        ownerId: owner,
      }),
      poc(tenant, { name: 'Go crawler', languages: ['Go'], status: 'done' }),
    ]);
    const sorted = async (params: RawQuery) => (await names(t.context.engine, tenant, params)).sort();
    t.deepEqual(await sorted({ q: 'go', statuses: 'done' }), ['Go crawler', 'Go gateway']);
    t.deepEqual(await sorted({ q: 'go', statuses: 'done', ownerId: owner }), ['Go gateway']);
    t.deepEqual(await sorted({ q: 'go', statuses: 'idea,archived' }), []);
    const result = await t.context.engine.search(query(tenant, { q: 'scheduler' }));
    t.is(result.hits[0]?.status, 'active');
    t.is(result.hits[0]?.description, 'Runs jobs on time', 'and its description, for the same card as the list');
    t.throws(() => query(tenant, { statuses: 'finished' }), { instanceOf: Problem });
    t.throws(() => query(tenant, { ownerId: 'me' }), { instanceOf: Problem });
  });

  test('language aliases are synonyms: golang finds Go, ts finds TypeScript, csharp finds C#', async (t) => {
    const tenant = newTenant();
    await seed(t.context.engine, [
      poc(tenant, { name: 'Payments gateway', languages: ['Go'] }),
      poc(tenant, { name: 'Dashboard', languages: ['TypeScript'] }),
      poc(tenant, { name: 'Unity plugin', languages: ['C#'] }),
      poc(tenant, { name: 'Notes', description: 'A golang rewrite of the notes service' }),
    ]);
    const sorted = async (q: string) => (await names(t.context.engine, tenant, { q })).sort();
    t.deepEqual(await sorted('golang'), ['Notes', 'Payments gateway']);
    t.deepEqual(await sorted('go'), ['Notes', 'Payments gateway'], 'and the other way round');
    t.deepEqual(await sorted('ts'), ['Dashboard']);
    t.deepEqual(await sorted('csharp'), ['Unity plugin']);
    t.deepEqual(await sorted('c#'), ['Unity plugin']);
  });

  test('facet counts cover every match, after filters', async (t) => {
    const tenant = newTenant();
    await seed(t.context.engine, facetDocs(tenant));
    const all = await t.context.engine.search(query(tenant, { limit: '1' }));
    t.is(all.total, 4);
    t.is(all.hits.length, 1);
    t.deepEqual(all.facets, { languages: { TypeScript: 2, Go: 2, Rust: 1 }, tags: { web: 3, cli: 2 } });
    const go = await t.context.engine.search(query(tenant, { languages: 'Go' }));
    t.deepEqual(go.facets, { languages: { Go: 2, TypeScript: 1 }, tags: { cli: 2, web: 1 } });
  });

  test('highlights mark matches, the typed part of a prefix, and escape HTML', async (t) => {
    const tenant = newTenant();
    await seed(t.context.engine, [
      poc(tenant, { name: 'Realtime <chat> with React', description: 'A demo of React hooks & sockets' }),
    ]);
    const [hit] = (await t.context.engine.search(query(tenant, { q: 'react' }))).hits;
    t.is(hit.highlight.name, 'Realtime &lt;chat&gt; with <mark>React</mark>');
    t.is(hit.highlight.description, 'A demo of <mark>React</mark> hooks &amp; sockets');
    const [prefix] = (await t.context.engine.search(query(tenant, { q: 'sock' }))).hits;
    t.is(prefix.highlight.description, 'A demo of React hooks &amp; <mark>sock</mark>ets');
    t.is(prefix.highlight.name, 'Realtime &lt;chat&gt; with React');
  });

  test('exact matches rank above typo matches, name matches above description matches', async (t) => {
    const tenant = newTenant();
    await seed(t.context.engine, [
      poc(tenant, { name: 'Parsec combinators' }),
      poc(tenant, { name: 'Parser combinators' }),
      poc(tenant, { name: 'Visual tool', description: 'an explorer for graphs' }),
      poc(tenant, { name: 'Graphs explorer' }),
    ]);
    t.deepEqual(await names(t.context.engine, tenant, { q: 'parser' }), ['Parser combinators', 'Parsec combinators']);
    t.deepEqual(await names(t.context.engine, tenant, { q: 'explorer' }), ['Graphs explorer', 'Visual tool']);
  });

  test('pagination walks every match once', async (t) => {
    const tenant = newTenant();
    await seed(
      t.context.engine,
      Array.from({ length: 25 }, (_, i) => poc(tenant, { name: `Widget number ${i + 1}` })),
    );
    const seen = new Set<string>();
    for (const offset of [0, 10, 20]) {
      const page = await t.context.engine.search(query(tenant, { q: 'widget', limit: '10', offset: String(offset) }));
      t.is(page.total, 25);
      t.is(page.hits.length, offset === 20 ? 5 : 10);
      for (const hit of page.hits) seen.add(hit.id);
    }
    t.is(seen.size, 25);
  });

  test('renames and deletes show in results, and a delete leaves a tombstone', async (t) => {
    const tenant = newTenant();
    const original = poc(tenant, { name: 'Quantum simulator' });
    await seed(t.context.engine, [original]);
    await t.context.engine.upsert([{ ...original, name: 'Photon tracer', version: 2 }]);
    t.deepEqual(await names(t.context.engine, tenant, { q: 'quantum' }), []);
    t.deepEqual(await names(t.context.engine, tenant, { q: 'photon' }), ['Photon tracer']);
    t.like(await t.context.engine.versionOf(tenant, original.id), { version: 2, deleted: false });
    await t.context.engine.remove(tenant, original.id, 3);
    t.deepEqual(await names(t.context.engine, tenant, { q: 'photon' }), []);
    t.is((await t.context.engine.search(query(tenant))).total, 0);
    t.like(await t.context.engine.versionOf(tenant, original.id), { version: 3, deleted: true });
  });

  test('the engine keeps the newest version whatever order concurrent writers arrive in', async (t) => {
    const { engine } = t.context;
    const tenant = newTenant();
    const base = poc(tenant, { name: 'Version race' });
    // Every version written at once, as several indexer replicas would: no caller checks anything first.
    const versions = [4, 2, 7, 1, 6, 3, 5];
    const written = await Promise.all(
      versions.map((version) => engine.upsert([{ ...base, name: `Version race v${version}`, version }])),
    );
    t.like(await engine.versionOf(tenant, base.id), { version: 7, deleted: false });
    t.deepEqual(await names(engine, tenant, { q: 'race' }), ['Version race v7']);
    t.true(written.flat().length >= 1, 'the newest write is reported as written');
    t.deepEqual(await engine.upsert([{ ...base, version: 7 }]), [], 'the same version again writes nothing');
    t.deepEqual(await engine.upsert([{ ...base, version: 3 }]), [], 'an older one neither');
    t.false(await engine.remove(tenant, base.id, 6), 'a delete older than the document is refused');
    t.true(await engine.remove(tenant, base.id, 7), 'a delete of the same version wins the tie');
    t.deepEqual(await engine.upsert([{ ...base, version: 7 }]), [], 'a late upsert cannot resurrect it');
    t.true((await engine.upsert([{ ...base, name: 'Version race back', version: 8 }])).includes(base.id));
    t.deepEqual(await names(engine, tenant, { q: 'race' }), ['Version race back']);
  });

  // Serial (AVA runs serial tests before the concurrent ones): pruning is engine-wide.
  test('removing a tenant forgets its documents and tombstones, and nothing of another tenant', async (t) => {
    const { engine } = t.context;
    const gone = newTenant();
    const kept = newTenant();
    const deleted = poc(gone, { name: 'Erased tombstone' });
    await seed(engine, [poc(gone, { name: 'Erased realtime' }), deleted, poc(kept, { name: 'Kept realtime' })]);
    await engine.remove(gone, deleted.id, deleted.version + 1);
    await engine.removeTenant(gone);
    await engine.removeTenant(gone);
    t.deepEqual(await names(engine, gone, { q: 'erased' }), []);
    t.is(await engine.versionOf(gone, deleted.id), undefined, 'no tombstone left');
    const left: string[] = [];
    for await (const entry of engine.entries()) if (entry.tenantId === gone) left.push(entry.id);
    t.deepEqual(left, []);
    t.deepEqual(await names(engine, kept, { q: 'realtime' }), ['Kept realtime']);
  });

  test.serial('tombstones are pruned once older than the cut-off', async (t) => {
    const tenant = newTenant();
    const doc = poc(tenant, { name: 'Short lived' });
    await t.context.engine.upsert([doc]);
    await t.context.engine.remove(tenant, doc.id, 2);
    await t.context.engine.pruneTombstones(new Date(Date.now() - 3_600_000));
    t.like(await t.context.engine.versionOf(tenant, doc.id), { version: 2, deleted: true }, 'a recent tombstone stays');
    await t.context.engine.pruneTombstones(new Date(Date.now() + 60_000));
    t.is(await t.context.engine.versionOf(tenant, doc.id), undefined);
    t.is((await t.context.engine.search(query(tenant))).total, 0);
  });

  test('tenant isolation: never a hit from another tenant, whatever the query', async (t) => {
    const mine = newTenant();
    const theirs = newTenant();
    await seed(t.context.engine, [
      poc(theirs, { name: 'Secret payments engine', languages: ['Go'], tags: ['cli'] }),
      poc(mine, { name: 'Public payments gateway', languages: ['Go'], tags: ['web'] }),
    ]);
    // Each attempt with the exact answer expected, so a check cannot pass on an empty result:
    // the plain queries find my POC (the positive control), the injections find nothing.
    const attempts: Array<[RawQuery, string[]]> = [
      [{ q: 'payments' }, ['Public payments gateway']],
      [{ q: 'secret' }, []],
      [{}, ['Public payments gateway']],
      [{ tags: 'web' }, ['Public payments gateway']],
      [{ tags: 'cli' }, []],
      [{ q: `" OR tenantId = "${theirs}` }, []],
      [{ languages: `Go" OR tenantId = "${theirs}` }, []],
      [{ tags: `cli") OR (tenantId != "${mine}` }, []],
      [{ tags: 'cli\\" OR deleted = true OR tags = \\"' }, []],
    ];
    for (const [params, expected] of attempts) {
      const label = JSON.stringify(params);
      // Some injections are longer than the API lets a filter value be (SearchLimits): the engine gets them as they are.
      const { languages, tags, ...rest } = params;
      const values = (value: RawQuery[string]) => (typeof value === 'string' ? [value] : []);
      const result = await t.context.engine.search({
        ...query(mine, rest),
        languages: values(languages),
        tags: values(tags),
      });
      t.deepEqual(
        result.hits.map((hit) => hit.name),
        expected,
        label,
      );
      t.is(result.total, expected.length, label);
      // Facets count my matching POCs only: never the other tenant's 'cli' tag, whatever the filter.
      const mineFound = expected.length > 0;
      t.deepEqual(
        { languages: result.facets.languages, tags: result.facets.tags },
        mineFound ? { languages: { Go: 1 }, tags: { web: 1 } } : { languages: {}, tags: {} },
        `facets of ${label}`,
      );
    }
    t.is((await t.context.engine.search(query(mine, { q: 'secret' }))).total, 0);
    t.is(
      (await t.context.engine.search(query(newTenant(), { q: 'payments' }))).total,
      0,
      'an unknown tenant sees nothing',
    );
  });

  test('bad queries: huge strings and bad parameters are a clear 400', (t) => {
    const tenant = newTenant();
    const huge = t.throws(() => query(tenant, { q: 'x'.repeat(100_000) }), { instanceOf: Problem });
    t.is(huge?.status, 400);
    t.is(huge?.code, 'query_too_long');
    for (const params of [
      { tenantId: 'not-a-uuid' },
      { limit: '0' },
      { limit: '1000' },
      { offset: '-1' },
      { offset: '990', limit: '20' },
      { q: ['a', 'b'] },
      { tags: 'x'.repeat(65) },
    ]) {
      const problem = t.throws(() => query(tenant, params), { instanceOf: Problem }, JSON.stringify(params));
      t.is(problem?.status, 400);
      t.is(problem?.code, 'invalid_query');
      t.true((problem?.errors?.length ?? 0) > 0);
    }
  });

  test('bad queries: odd unicode and many words give safe results', async (t) => {
    const tenant = newTenant();
    await seed(t.context.engine, [poc(tenant, { name: 'Emoji ☃ parser 🚀' })]);
    const odd = [
      '\u0000\u0007',
      '\ud800 lone surrogate',
      '𝔘𝔫𝔦𝔠𝔬𝔡𝔢',
      'e\u0301',
      '\u202e\u200b',
      '🚀🚀🚀',
      '%00',
      '*',
      '\\',
    ];
    for (const q of odd) {
      const result = await t.context.engine.search(query(tenant, { q }));
      t.true(result.total <= 1, JSON.stringify(q));
    }
    const many = `${'word '.repeat(200)}parser`;
    const result = await t.context.engine.search(query(tenant, { q: many.slice(0, SearchLimits.maxQueryLength) }));
    t.true(Array.isArray(result.hits));
  });
}
