import type { DojoDoc } from '../contracts/dojo-protocol/document.ts';

/**
 * The replay of a dojo, as every client computes it from the engine's replay
 * API (`GET /v1/dojos/:id/replay` and `/timeline`, see docs/protocol.md): the
 * stored Automerge document, which holds every change, plus the timeline that
 * says when the room accepted each change, whose it was, and when each test
 * run ended. The files at any moment are the document viewed at the heads of
 * the changes accepted until then.
 *
 * Automerge is passed in (the browser loads its WASM build, Node the default
 * one), so this module depends on no Automerge package.
 */

/** The part of Automerge's API a replay needs. */
export interface ReplayAutomerge {
  load<T>(bytes: Uint8Array): T;
  getHeads(doc: unknown): string[];
  view<T>(doc: T, heads: string[]): T;
  diff(doc: unknown, before: string[], after: string[]): ReplayPatch[];
}

/** An Automerge patch, as far as a replay reads it. */
export interface ReplayPatch {
  action: string;
  path: Array<string | number>;
  value?: unknown;
  length?: number;
}

/** `GET /v1/dojos/:id/replay`. */
export interface ReplayDocumentAnswer {
  dojoId: string;
  /** Automerge chunks (a save() and the changes stored after it), base64, for load(); null before any. */
  document: string | null;
  actors: Array<{ actor: string; userId: string; name: string }>;
}

/**
 * One page of `GET /v1/dojos/:id/timeline` (docs/protocol.md §13). Rows, not objects, and times as epoch ms:
 * a 2-hour dojo has 20,000 changes, and objects with ISO times cost the engine and the client more to write
 * and parse than everything else of opening a replay but loading the document.
 */
export interface TimelinePageAnswer {
  /** Automerge actors of this page's changes; a change row names its actor by index here. */
  actors: string[];
  /** Changes and finished test runs in timeline order (a change before a run of the same millisecond). */
  rows: TimelineRow[];
  /** Null on the last page. */
  nextCursor: string | null;
}

/**
 * `[0, at, hash, deps, actor]`: an accepted change. `at` is epoch ms; each dep is the hash, or a number k ≥ 1
 * for the change k changes earlier on the same page (almost always 1: the change before it); `actor` indexes
 * the page's `actors`. `[1, at, run]`: a finished test run (a coloured dot).
 */
export type TimelineRow = TimelineChangeRow | TimelineRunRow;
export type TimelineChangeRow = [kind: 0, at: number, hash: string, deps: Array<string | number>, actor: number];
export type TimelineRunRow = [
  kind: 1,
  at: number,
  run: { userId: string | null; name: string | null; colour?: string; summary?: string; reason?: string },
];

export interface ReplayChange {
  hash: string;
  /** Epoch ms the room accepted it. */
  at: number;
  actor: string;
  /** The author (null: the server's own change, such as a restored file). */
  userId: string | null;
  name: string;
}

export interface ReplayRun {
  at: number;
  colour: 'red' | 'amber' | 'green';
  summary: string;
  name: string;
  /** Index of the last change accepted before the run (-1: none). */
  afterChange: number;
}

/** What one change did to one file: text inserted or removed at an offset. */
export interface ReplayEdit {
  path: string;
  kind: 'insert' | 'delete' | 'file';
  index: number;
  text: string;
  length: number;
}

type Files = DojoDoc['files'];
/** The dojo document, which has no files before its first change. */
type ReplayDoc = Partial<DojoDoc>;

const colours = new Set(['red', 'amber', 'green']);

export class DojoReplay {
  readonly changes: readonly ReplayChange[];
  readonly runs: readonly ReplayRun[];
  readonly #A: ReplayAutomerge;
  readonly #doc: ReplayDoc;
  /** Heads of the starter document (and of any change the timeline does not know). */
  readonly #baseHeads: string[];
  /** `#heads[i]`: the document's heads once change i was accepted. */
  readonly #heads: string[][];

  private constructor(
    A: ReplayAutomerge,
    doc: ReplayDoc,
    changes: ReplayChange[],
    runs: ReplayRun[],
    baseHeads: string[],
    heads: string[][],
  ) {
    this.#A = A;
    this.#doc = doc;
    this.changes = changes;
    this.runs = runs;
    this.#baseHeads = baseHeads;
    this.#heads = heads;
  }

  /**
   * Builds the replay. The timeline lists changes in the order the room
   * accepted them, which is a causal order, so the heads after each change
   * follow by removing its dependencies from the heads before it and adding it.
   * The timeline carries each change's dependencies, because asking Automerge
   * for the metadata of 20,000 changes costs more than the rest of the opening.
   * The base (the starter files) is what the first changes depend on.
   */
  /** The replay of a document already loaded (`loadReplay` loads it while the timeline is on its way). */
  static index(
    A: ReplayAutomerge,
    doc: ReplayDoc,
    actors: ReplayDocumentAnswer['actors'],
    pages: readonly TimelinePageAnswer[],
  ): DojoReplay {
    const deps = new Map<string, string[]>();
    const names = new Map(actors.map((binding) => [binding.actor, binding]));
    const changes: ReplayChange[] = [];
    const runs: ReplayRun[] = [];
    const seen = new Set<string>();
    for (const page of pages) {
      // Hashes of this page's changes in order, for its back-references.
      const hashes: string[] = [];
      for (const row of page.rows) {
        if (row[0] === 0) {
          const [, at, hash, rowDeps, actorIndex] = row;
          const own = hashes.length;
          hashes.push(hash);
          // A change listed twice (none should be) is placed once.
          if (seen.has(hash)) continue;
          seen.add(hash);
          deps.set(
            hash,
            rowDeps.map((dep) => (typeof dep === 'number' ? (hashes[own - dep] ?? '') : dep)),
          );
          const actor = page.actors[actorIndex] ?? '';
          const binding = names.get(actor);
          changes.push({ hash, at, actor, userId: binding?.userId ?? null, name: binding?.name ?? 'PocDojo' });
        } else if (colours.has(String(row[2].colour))) {
          const [, at, run] = row;
          runs.push({
            at,
            colour: run.colour as ReplayRun['colour'],
            summary: String(run.summary ?? ''),
            name: run.name ?? '',
            afterChange: changes.length - 1,
          });
        }
      }
    }
    // The base: what timeline changes depend on outside the timeline (an ancestor among them is harmless to a view).
    const heads = new Set<string>();
    for (const list of deps.values()) for (const dep of list) if (!seen.has(dep)) heads.add(dep);
    // No change on the timeline (nobody typed, or a dojo older than replay): the document as it is.
    if (heads.size === 0 && doc.files) for (const head of A.getHeads(doc)) heads.add(head);
    const baseHeads = [...heads].sort();
    const step = (hash: string) => {
      for (const dep of deps.get(hash) ?? []) heads.delete(dep);
      heads.add(hash);
    };
    const after: string[][] = [];
    for (const change of changes) {
      step(change.hash);
      after.push([...heads].sort());
    }
    return new DojoReplay(A, doc, changes, runs, baseHeads, after);
  }

  /** Epoch ms of the first and last thing on the timeline (equal when it is empty). */
  get start(): number {
    return Math.min(
      this.changes[0]?.at ?? Number.POSITIVE_INFINITY,
      this.runs[0]?.at ?? Number.POSITIVE_INFINITY,
      this.end,
    );
  }

  get end(): number {
    const last = Math.max(this.changes.at(-1)?.at ?? 0, this.runs.at(-1)?.at ?? 0);
    return last || Date.now();
  }

  /** Index of the last change accepted at or before `time` (-1: before the first). */
  indexAt(time: number): number {
    let low = 0;
    let high = this.changes.length - 1;
    let found = -1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      if (this.changes[middle]!.at <= time) {
        found = middle;
        low = middle + 1;
      } else high = middle - 1;
    }
    return found;
  }

  /** The document's heads once change `index` was accepted (-1: the starter files). */
  headsAt(index: number): string[] {
    return index < 0 ? this.#baseHeads : (this.#heads[Math.min(index, this.#heads.length - 1)] ?? this.#baseHeads);
  }

  /** The files as they were once change `index` was accepted. */
  filesAt(index: number): Files {
    const heads = this.headsAt(index);
    if (heads.length === 0) return {};
    const files = this.#A.view(this.#doc, heads).files ?? {};
    const out: Files = {};
    for (const [path, text] of Object.entries(files)) if (typeof text === 'string') out[path] = String(text);
    return out;
  }

  /** What change `index` did: per file, text inserted or deleted (who typed what). */
  editsOf(index: number): ReplayEdit[] {
    if (index < 0 || index >= this.changes.length) return [];
    const edits: ReplayEdit[] = [];
    for (const patch of this.#A.diff(this.#doc, this.headsAt(index - 1), this.headsAt(index))) {
      const [root, path, offset] = patch.path;
      if (root !== 'files' || typeof path !== 'string') continue;
      if (patch.path.length === 2) {
        edits.push({ path, kind: 'file', index: 0, text: patch.action === 'del' ? 'deleted' : 'created', length: 0 });
      } else if (patch.action === 'splice' && typeof offset === 'number') {
        const text = String(patch.value ?? '');
        edits.push({ path, kind: 'insert', index: offset, text, length: text.length });
      } else if (patch.action === 'del' && typeof offset === 'number') {
        edits.push({ path, kind: 'delete', index: offset, text: '', length: patch.length ?? 1 });
      }
    }
    return edits;
  }

  /** The next (direction 1) or previous (-1) test run strictly after/before `time`. */
  runNear(time: number, direction: 1 | -1): ReplayRun | undefined {
    return direction === 1
      ? this.runs.find((run) => run.at > time)
      : [...this.runs].reverse().find((run) => run.at < time);
  }

  /** Changes per author, most first. */
  authors(): Array<{ userId: string | null; name: string; changes: number }> {
    const counts = new Map<string, { userId: string | null; name: string; changes: number }>();
    for (const change of this.changes) {
      const key = change.userId ?? '';
      const entry = counts.get(key) ?? { userId: change.userId, name: change.name, changes: 0 };
      entry.changes++;
      counts.set(key, entry);
    }
    return [...counts.values()].sort((a, b) => b.changes - a.changes);
  }
}

/** The document of a replay answer, loaded (an empty one before the room ever opened). */
function loadReplayDocument(
  A: ReplayAutomerge,
  answer: ReplayDocumentAnswer,
  decodeBase64: (text: string) => Uint8Array,
): ReplayDoc {
  return answer.document ? A.load<ReplayDoc>(decodeBase64(answer.document)) : {};
}

/**
 * Opens a dojo's replay from the engine: the document and every timeline page (10,000 rows a page) are
 * requested at once, and the document is loaded as soon as it arrives, while the engine is still writing
 * the timeline; then the timeline is indexed. `getJson` adds the access token and throws on a problem
 * answer; `automerge` resolves once Automerge is ready (the browser's WebAssembly loads meanwhile).
 */
export async function loadReplay(options: {
  getJson: <T>(path: string) => Promise<T>;
  automerge: Promise<ReplayAutomerge>;
  dojoId: string;
  decodeBase64: (text: string) => Uint8Array;
}): Promise<DojoReplay> {
  const { getJson, decodeBase64 } = options;
  const id = encodeURIComponent(options.dojoId);
  const timeline = async () => {
    const pages: TimelinePageAnswer[] = [];
    for (let cursor: string | null = null; ; ) {
      const query: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
      const page: TimelinePageAnswer = await getJson(`/v1/dojos/${id}/timeline?limit=10000${query}`);
      pages.push(page);
      cursor = page.nextCursor;
      if (!cursor) return pages;
    }
  };
  const loaded = Promise.all([getJson<ReplayDocumentAnswer>(`/v1/dojos/${id}/replay`), options.automerge]).then(
    ([answer, A]) => ({ A, actors: answer.actors, doc: loadReplayDocument(A, answer, decodeBase64) }),
  );
  const [{ A, actors, doc }, pages] = await Promise.all([loaded, timeline()]);
  return DojoReplay.index(A, doc, actors, pages);
}
