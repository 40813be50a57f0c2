import { randomUUID } from 'node:crypto';
import type { DojoId, TenantId, UserId } from '@pocdojo/common/contracts/ids';
import test, { type ExecutionContext } from 'ava';
import { type DojoStore, type HistoryEvent, RoomLeaseLostError } from '../../src/persistence/dojo-store.ts';
import { InvalidCursorError } from '../../src/persistence/history-cursor.ts';
import { appendChanges } from '../helpers/append-changes.ts';

/**
 * The contract every DojoStore adapter must meet. An adapter's test file is one
 * call: `runDojoStoreTests('postgres', async () => ({ store, teardown }))`.
 */
export function runDojoStoreTests(name: string, setup: () => Promise<{ store: DojoStore; teardown(): Promise<void> }>) {
  const dojo = () => randomUUID() as DojoId;
  const tenant = () => randomUUID() as TenantId;
  const bytes = (...values: number[]) => Uint8Array.from(values);
  const plain = (list: Uint8Array[]) => list.map((item) => [...item]);

  const withStore = (title: string, run: (t: ExecutionContext, store: DojoStore) => Promise<void>) =>
    test(`${name}: ${title}`, async (t) => {
      const { store, teardown } = await setup();
      try {
        await run(t, store);
      } finally {
        await teardown();
      }
    });

  withStore('a dojo keeps the tenant it was first registered with', async (t, store) => {
    const id = dojo();
    const owner = tenant();
    t.is(await store.dojoTenant(id), null);
    t.is(await store.registerDojo(id, owner), owner);
    t.is(await store.registerDojo(id, tenant()), owner, 'a second tenant does not take over');
    t.is(await store.dojoTenant(id), owner);
  });

  withStore('changes round-trip in order, and compaction replaces them with the snapshot', async (t, store) => {
    const id = dojo();
    const tid = await store.registerDojo(id, tenant());
    t.is(await store.loadDocument(tid, id), null);
    await appendChanges(store, tid, id, [bytes(1), bytes(2, 2)]);
    const upTo = await appendChanges(store, tid, id, [bytes(3, 3, 3)]);
    const loaded = await store.loadDocument(tid, id);
    t.is(loaded?.snapshot, null);
    t.deepEqual(plain(loaded?.changes ?? []), [[1], [2, 2], [3, 3, 3]]);
    t.is(loaded?.lastChangeId, upTo);
    await appendChanges(store, tid, id, [bytes(4)]);
    await store.compact(tid, id, bytes(9, 9), upTo);
    const compacted = await store.loadDocument(tid, id);
    t.deepEqual([...(compacted?.snapshot ?? [])], [9, 9]);
    t.deepEqual(plain(compacted?.changes ?? []), [[4]], 'changes after the compaction point survive');
  });

  withStore('a batched append keeps each dojo’s order and reports each dojo’s last id', async (t, store) => {
    const first = dojo();
    const second = dojo();
    // Two tenants in one batch: each dojo's rows land under its own tenant.
    const a = await store.registerDojo(first, tenant());
    const b = await store.registerDojo(second, tenant());
    const last = await store.appendChangesBatch([
      { tenantId: a, dojoId: first, changes: [bytes(1), bytes(2)] },
      { tenantId: b, dojoId: second, changes: [bytes(7)] },
      { tenantId: a, dojoId: first, changes: [bytes(3)] },
    ]);
    t.deepEqual(plain((await store.loadDocument(a, first))?.changes ?? []), [[1], [2], [3]]);
    t.deepEqual(plain((await store.loadDocument(b, second))?.changes ?? []), [[7]]);
    t.is(last.get(first), (await store.loadDocument(a, first))?.lastChangeId);
    t.is(last.get(second), (await store.loadDocument(b, second))?.lastChangeId);
    t.is((await store.appendChangesBatch([])).size, 0);
  });

  withStore('room state is saved per dojo and read back whole', async (t, store) => {
    const id = dojo();
    const tid = await store.registerDojo(id, tenant());
    t.is(await store.loadRoomState(tid, id), null);
    await store.saveRoomState(tid, id, { timer: { status: 'running', endsAt: 1_800_000_000_000 }, order: ['a', 'b'] });
    await store.saveRoomState(tid, id, { timer: { status: 'paused', endsAt: 0 }, order: ['b'] });
    t.deepEqual(await store.loadRoomState(tid, id), { timer: { status: 'paused', endsAt: 0 }, order: ['b'] });
  });

  withStore('removed participants are kept per dojo, once each', async (t, store) => {
    const id = dojo();
    const tid = await store.registerDojo(id, tenant());
    const user = randomUUID() as UserId;
    t.deepEqual(await store.removedParticipants(tid, id), []);
    await store.removeParticipant(tid, id, user);
    await store.removeParticipant(tid, id, user);
    t.deepEqual(await store.removedParticipants(tid, id), [user]);
    t.deepEqual(await store.removedParticipants(tid, dojo()), []);
  });

  withStore("another tenant sees none of a dojo's rows and cannot write them", async (t, store) => {
    const id = dojo();
    const owner = await store.registerDojo(id, tenant());
    const intruder = tenant();
    await appendChanges(store, owner, id, [bytes(1)]);
    await store.saveRoomState(owner, id, { order: ['a'] });
    const event: HistoryEvent = {
      dojoId: id,
      tenantId: owner,
      kind: 'chat',
      userId: null,
      name: 'Ada',
      data: { text: 'secret' },
      at: 1_700_000_000_000,
    };
    await store.appendHistory([event]);
    t.is(await store.loadDocument(intruder, id), null);
    t.is(await store.loadRoomState(intruder, id), null);
    t.deepEqual((await store.listHistory(intruder, id, { limit: 10 })).items, []);
    t.deepEqual(await store.recentChat(intruder, id, 10), []);
    await t.throwsAsync(appendChanges(store, intruder, id, [bytes(66)]));
    await t.throwsAsync(store.appendHistory([{ ...event, tenantId: intruder }]));
    await store.compact(intruder, id, bytes(66), 0).catch(() => {});
    await store.saveRoomState(intruder, id, { order: ['pwned'] }).catch(() => {});
    const loaded = await store.loadDocument(owner, id);
    t.is(loaded?.snapshot, null, "the intruder's compaction wrote no snapshot");
    t.deepEqual(plain(loaded?.changes ?? []), [[1]]);
    t.deepEqual(await store.loadRoomState(owner, id), { order: ['a'] });
    t.is((await store.listHistory(owner, id, { limit: 10 })).items.length, 1);
  });

  withStore(
    'erasing a member takes their id and name off their history in every dojo of the tenant, only there',
    async (t, store) => {
      const first = dojo();
      const second = dojo();
      const tid = await store.registerDojo(first, tenant());
      await store.registerDojo(second, tid);
      const elsewhere = dojo();
      const otherTenant = await store.registerDojo(elsewhere, tenant());
      const leaving = randomUUID() as UserId;
      const staying = randomUUID() as UserId;
      const said = (dojoId: DojoId, tenantId: TenantId, userId: UserId, name: string, text: string): HistoryEvent => ({
        dojoId,
        tenantId,
        kind: 'chat',
        userId,
        name,
        data: { text },
        at: 1_700_000_000_000,
      });
      await store.appendHistory([
        said(first, tid, leaving, 'Mia', 'hello'),
        said(first, tid, staying, 'Ada', 'hi Mia'),
        said(second, tid, leaving, 'Mia', 'bye'),
        said(elsewhere, otherTenant, leaving, 'Mia', 'same id, other team'),
      ]);
      t.is(await store.eraseMember(tid, leaving), 2);
      const chat = [...(await store.recentChat(tid, first, 10)), ...(await store.recentChat(tid, second, 10))];
      t.deepEqual(
        chat.map((e) => [e.userId, e.name, e.data.text]),
        [
          [null, null, 'hello'],
          [staying, 'Ada', 'hi Mia'],
          [null, null, 'bye'],
        ],
      );
      const untouched = await store.recentChat(otherTenant, elsewhere, 10);
      t.deepEqual(
        untouched.map((e) => [e.userId, e.name]),
        [[leaving, 'Mia']],
        'another tenant is out of reach',
      );
    },
  );

  withStore(
    'erasing a tenant removes its dojos, documents, history and state, and nothing of another tenant',
    async (t, store) => {
      const gone = dojo();
      const kept = dojo();
      const tid = await store.registerDojo(gone, tenant());
      const other = await store.registerDojo(kept, tenant());
      for (const [dojoId, tenantId] of [
        [gone, tid],
        [kept, other],
      ] as const) {
        await appendChanges(store, tenantId, dojoId, [new Uint8Array([1, 2, 3])]);
        await store.saveRoomState(tenantId, dojoId, { timer: 'running' });
        await store.appendHistory([
          { dojoId, tenantId, kind: 'chat', userId: null, name: 'Ana', data: { text: 'oi' }, at: 1_700_000_000_000 },
        ]);
      }
      t.is(await store.eraseTenant(tid), 1);
      t.is(await store.eraseTenant(tid), 0, 'idempotent');
      t.is(await store.dojoTenant(gone), null);
      t.is(await store.loadDocument(tid, gone), null);
      t.is(await store.loadRoomState(tid, gone), null);
      t.deepEqual(await store.recentChat(tid, gone, 10), []);
      t.is(await store.dojoTenant(kept), other);
      t.is((await store.recentChat(other, kept, 10)).length, 1);
      t.truthy(await store.loadDocument(other, kept));
    },
  );

  withStore('history pages oldest first with an opaque cursor, filtered by kind', async (t, store) => {
    const id = dojo();
    const tid = await store.registerDojo(id, tenant());
    const user = randomUUID() as UserId;
    const events: HistoryEvent[] = Array.from({ length: 5 }, (_, i) => ({
      dojoId: id,
      tenantId: tid,
      kind: i % 2 === 0 ? 'chat' : 'joined',
      userId: user,
      name: 'Ada',
      data: { n: i },
      at: 1_700_000_000_000 + i,
    }));
    await store.appendHistory(events);
    const first = await store.listHistory(tid, id, { limit: 2 });
    t.deepEqual(
      first.items.map((e) => e.data.n),
      [0, 1],
    );
    t.truthy(first.nextCursor);
    const rest = await store.listHistory(tid, id, { limit: 10, cursor: first.nextCursor });
    t.deepEqual(
      rest.items.map((e) => e.data.n),
      [2, 3, 4],
    );
    t.is(rest.nextCursor, null);
    t.like(rest.items[0], { at: 1_700_000_000_002, userId: user, name: 'Ada', kind: 'chat', tenantId: tid });
    const chats = await store.listHistory(tid, id, { limit: 10, kinds: ['chat'] });
    t.deepEqual(
      chats.items.map((e) => e.data.n),
      [0, 2, 4],
    );
    t.deepEqual(
      (await store.recentChat(tid, id, 2)).map((e) => e.data.n),
      [2, 4],
    );
    t.deepEqual((await store.listHistory(tid, dojo(), { limit: 10 })).items, [], 'no history leaks across dojos');
    await t.throwsAsync(store.listHistory(tid, id, { limit: 1, cursor: 'bm9wZQ' }), { instanceOf: InvalidCursorError });
  });

  withStore(
    'the replay timeline merges changes and test runs in time order, paged through bursts',
    async (t, store) => {
      const id = dojo();
      const tid = await store.registerDojo(id, tenant());
      const ada = randomUUID() as UserId;
      const base = 1_700_000_000_000;
      // Seven changes accepted in one millisecond (a burst), then one later; a run between them.
      const burst = Array.from({ length: 7 }, (_, i) => ({
        hash: `h${i}`,
        deps: i ? [`h${i - 1}`] : [],
        actor: 'a1',
        at: base,
      }));
      await store.appendChangesBatch([
        { tenantId: tid, dojoId: id, changes: burst.map((_, i) => bytes(i)), meta: burst },
      ]);
      await appendChanges(store, tid, id, [bytes(9)], [{ hash: 'h9', deps: ['h6', 'g0'], actor: 'b2', at: base + 20 }]);
      await appendChanges(store, tid, id, [bytes(10)]);
      await store.appendHistory([
        {
          dojoId: id,
          tenantId: tid,
          kind: 'test_run',
          userId: ada,
          name: 'Ada',
          data: { colour: 'green' },
          at: base + 10,
        },
        { dojoId: id, tenantId: tid, kind: 'chat', userId: ada, name: 'Ada', data: { text: 'x' }, at: base + 11 },
      ]);
      await store.bindActors(tid, id, [{ actor: 'a1', userId: ada, name: 'Ada' }]);
      await store.bindActors(tid, id, [{ actor: 'a1', userId: randomUUID() as UserId, name: 'Mallory' }]);
      t.deepEqual(
        await store.listActors(tid, id),
        [{ actor: 'a1', userId: ada, name: 'Ada' }],
        'the first binding wins',
      );

      const seen: string[] = [];
      let cursor: string | null = null;
      for (let pages = 0; pages < 10; pages++) {
        const page = await store.listTimeline(tid, id, { limit: 3, cursor });
        for (const item of page.items) {
          seen.push(item.kind === 'change' ? `${item.hash}<${item.deps.join('+')}:${item.userId ?? '-'}` : 'run');
        }
        cursor = page.nextCursor;
        if (!cursor) break;
      }
      t.deepEqual(seen, [...burst.map(({ hash, deps }) => `${hash}<${deps.join('+')}:${ada}`), 'run', 'h9<h6+g0:-']);
      t.deepEqual((await store.listTimeline(tenant(), id, { limit: 10 })).items, [], 'nothing for another tenant');
      await t.throwsAsync(store.listTimeline(tid, id, { limit: 1, cursor: 'bm9wZQ' }), {
        instanceOf: InvalidCursorError,
      });
    },
  );
  withStore('a room lease has one holder until released or expired, each taking a larger token', async (t, store) => {
    const id = dojo();
    const tid = await store.registerDojo(id, tenant());
    const first = await store.acquireRoomLease(id, 'process-a', 60_000);
    t.true(typeof first === 'number');
    t.is(await store.acquireRoomLease(id, 'process-b', 60_000), null, 'a live lease of another holder is refused');
    const again = await store.acquireRoomLease(id, 'process-a', 60_000);
    t.true(again! > first!, 'the holder re-taking its own lease gets a newer token');
    t.deepEqual([...(await store.renewRoomLeases('process-a', 60_000))], [[id, again]]);
    t.deepEqual([...(await store.renewRoomLeases('process-b', 60_000))], []);
    await store.releaseRoomLease(id, first!);
    t.is(await store.acquireRoomLease(id, 'process-b', 60_000), null, 'releasing with an old token frees nothing');
    await store.releaseRoomLease(id, again!);
    const taken = await store.acquireRoomLease(id, 'process-b', 1);
    t.true(taken! > again!);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const takenOver = await store.acquireRoomLease(id, 'process-a', 60_000);
    t.true(takenOver! > taken!, 'an expired lease is taken over');
    t.deepEqual([...(await store.renewRoomLeases('process-b', 60_000))], [], 'the previous holder renews nothing');

    // Fenced writes: only the current token may compact or save the room state.
    await appendChanges(store, tid, id, [bytes(1)]);
    await t.throwsAsync(store.compact(tid, id, bytes(7), 1_000_000, taken!), { instanceOf: RoomLeaseLostError });
    await t.throwsAsync(store.saveRoomState(tid, id, { stale: true }, taken!), { instanceOf: RoomLeaseLostError });
    t.deepEqual(plain((await store.loadDocument(tid, id))!.changes), [[1]], 'the stale compaction deleted nothing');
    t.is(await store.loadRoomState(tid, id), null);
    await store.compact(tid, id, bytes(8), 1_000_000, takenOver!);
    await store.saveRoomState(tid, id, { current: true }, takenOver!);
    t.deepEqual([...((await store.loadDocument(tid, id))?.snapshot ?? [])], [8]);
    t.deepEqual(await store.loadRoomState(tid, id), { current: true });
  });

  withStore('a member’s dojos: first join in the window, and each dojo’s finished runs in order', async (t, store) => {
    const tid = tenant();
    const [kata, pairing, earlier, elsewhere] = [dojo(), dojo(), dojo(), dojo()];
    for (const id of [kata, pairing, earlier]) await store.registerDojo(id, tid);
    const other = await store.registerDojo(elsewhere, tenant());
    const ada = randomUUID() as UserId;
    const bob = randomUUID() as UserId;
    const year = Date.UTC(2026, 0, 1);
    const event = (
      dojoId: DojoId,
      tenantId: TenantId,
      kind: HistoryEvent['kind'],
      userId: UserId | null,
      at: number,
      data = {},
    ) => ({
      dojoId,
      tenantId,
      kind,
      userId,
      name: null,
      data,
      at: year + at * 86_400_000,
    });
    await store.appendHistory([
      event(earlier, tid, 'joined', ada, -3),
      event(pairing, tid, 'joined', ada, 40),
      event(kata, tid, 'joined', ada, 10),
      event(kata, tid, 'joined', ada, 12),
      event(kata, tid, 'joined', bob, 10),
      event(kata, tid, 'test_run', bob, 10, { colour: 'red' }),
      event(kata, tid, 'test_run', ada, 10, { colour: null }),
      event(kata, tid, 'test_run', ada, 11, { colour: 'green' }),
      event(elsewhere, other, 'joined', ada, 5),
    ]);
    const dojos = await store.memberDojos(tid, ada, year, Date.UTC(2027, 0, 1));
    t.deepEqual(dojos, [
      { dojoId: kata, joinedAt: year + 10 * 86_400_000, runs: ['red', 'green'] },
      { dojoId: pairing, joinedAt: year + 40 * 86_400_000, runs: [] },
    ]);
    t.deepEqual(await store.memberDojos(tid, randomUUID() as UserId, year, Date.UTC(2027, 0, 1)), []);
  });

  withStore(
    "a member's records: their history events and changes in the tenant's dojos, nobody else's",
    async (t, store) => {
      const [first, second, elsewhere] = [dojo(), dojo(), dojo()];
      const tid = await store.registerDojo(first, tenant());
      await store.registerDojo(second, tid);
      const other = await store.registerDojo(elsewhere, tenant());
      const ada = randomUUID() as UserId;
      const bob = randomUUID() as UserId;
      const at = 1_700_000_000_000;
      const event = (dojoId: DojoId, tenantId: TenantId, userId: UserId, text: string, n: number): HistoryEvent => ({
        dojoId,
        tenantId,
        kind: 'chat',
        userId,
        name: userId === ada ? 'Ada' : 'Bob',
        data: { text },
        at: at + n,
      });
      await store.appendHistory([
        event(first, tid, ada, 'ada one', 1),
        event(first, tid, bob, 'bob one', 2),
        event(second, tid, ada, 'ada two', 3),
        event(elsewhere, other, ada, 'same id, other team', 4),
      ]);
      const change = (hash: string, actor: string, n: number) => ({ hash, actor, deps: [], at: at + n });
      await appendChanges(
        store,
        tid,
        first,
        [bytes(1), bytes(2), bytes(3)],
        [change('h1', 'a1', 10), change('h2', 'b1', 11), change('h3', 'a1', 12)],
      );
      await appendChanges(store, other, elsewhere, [bytes(4)], [change('h4', 'a1', 13)]);
      await store.bindActors(tid, first, [
        { actor: 'a1', userId: ada, name: 'Ada' },
        { actor: 'b1', userId: bob, name: 'Bob' },
      ]);
      await store.bindActors(other, elsewhere, [{ actor: 'a1', userId: ada, name: 'Ada' }]);

      const records = await store.memberRecords(tid, ada);
      t.deepEqual(
        records.history.map((e) => [e.dojoId, e.data.text]).sort(),
        [
          [first, 'ada one'],
          [second, 'ada two'],
        ].sort(),
      );
      t.deepEqual(records.changes, [
        { dojoId: first, hash: 'h1', at: at + 10 },
        { dojoId: first, hash: 'h3', at: at + 12 },
      ]);
      t.deepEqual(await store.memberRecords(tid, randomUUID() as UserId), { history: [], changes: [] });
    },
  );
}
