import { randomBytes } from 'node:crypto';
import type { SearchablePoc } from '@pocdojo/common/contracts/poc';
import pg from 'pg';
import type { BenchQuery } from './query-set.ts';

/**
 * The baseline a team might pick instead of a search engine: PostgreSQL with
 * pg_trgm (GIN trigram index, word_similarity `<%` at its default threshold),
 * answering the same query shape as the engines in one round trip: top 20 hits,
 * total, and language/tag facet counts.
 */
export class PgTrgmBaseline {
  readonly #adminUrl: string;
  readonly #database: string;
  #pool: pg.Pool | undefined;

  constructor(adminUrl: string) {
    this.#adminUrl = adminUrl;
    this.#database = `search_bench_${randomBytes(4).toString('hex')}`;
  }

  async setup(): Promise<void> {
    const admin = new pg.Client({ connectionString: this.#adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${this.#database}`);
    await admin.end();
    const url = new URL(this.#adminUrl);
    url.pathname = `/${this.#database}`;
    this.#pool = new pg.Pool({ connectionString: url.toString(), max: 2 });
    await this.#pool.query(`
      CREATE EXTENSION pg_trgm;
      CREATE TABLE pocs (
        id uuid PRIMARY KEY, tenant_id uuid NOT NULL, name text NOT NULL, description text NOT NULL,
        languages text[] NOT NULL, tags text[] NOT NULL, doc text NOT NULL
      );`);
  }

  /** Loads the POCs in batches; returns docs per second including index builds. */
  async load(pocs: SearchablePoc[], onProgress: (done: number) => void): Promise<number> {
    const pool = this.#pool!;
    const started = performance.now();
    const batch = 5000;
    for (let i = 0; i < pocs.length; i += batch) {
      const slice = pocs.slice(i, i + batch);
      await pool.query(
        `INSERT INTO pocs
         SELECT id, tenant_id, name, description, string_to_array(langs, '|'), string_to_array(tags, '|'),
                lower(name || ' ' || replace(tags, '|', ' ') || ' ' || replace(langs, '|', ' ') || ' ' || description)
         FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[])
           AS t(id, tenant_id, name, description, langs, tags)`,
        [
          slice.map((p) => p.id),
          slice.map((p) => p.tenantId),
          slice.map((p) => p.name),
          slice.map((p) => p.description),
          slice.map((p) => p.languages.join('|')),
          slice.map((p) => p.tags.join('|')),
        ],
      );
      onProgress(Math.min(pocs.length, i + batch));
    }
    await pool.query('CREATE INDEX pocs_tenant ON pocs (tenant_id)');
    await pool.query('CREATE INDEX pocs_doc_trgm ON pocs USING gin (doc gin_trgm_ops)');
    await pool.query('ANALYZE pocs');
    return pocs.length / ((performance.now() - started) / 1000);
  }

  /** Runs one query; returns the hit ids. */
  async search(query: BenchQuery): Promise<string[]> {
    const result = await this.#pool!.query(
      `WITH m AS (
         SELECT id, word_similarity($2, doc) AS score, languages, tags FROM pocs
         WHERE tenant_id = $1 AND $2 <% doc
           AND (cardinality($3::text[]) = 0 OR languages && $3)
           AND (cardinality($4::text[]) = 0 OR tags && $4))
       SELECT (SELECT coalesce(json_agg(id), '[]') FROM (SELECT id FROM m ORDER BY score DESC LIMIT 20) h) AS hits,
              (SELECT count(*) FROM m) AS total,
              (SELECT json_object_agg(l, c) FROM (SELECT l, count(*) c FROM m, unnest(languages) l GROUP BY l) f) AS languages,
              (SELECT json_object_agg(g, c) FROM (SELECT g, count(*) c FROM m, unnest(tags) g GROUP BY g) f) AS tags`,
      [query.tenantId, query.q.toLowerCase(), query.languages, query.tags],
    );
    return result.rows[0].hits as string[];
  }

  async teardown(): Promise<void> {
    await this.#pool?.end();
    const admin = new pg.Client({ connectionString: this.#adminUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${this.#database} WITH (FORCE)`);
    await admin.end();
  }
}
