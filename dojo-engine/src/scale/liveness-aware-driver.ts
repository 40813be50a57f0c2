import type { IRoomCache, SortOptions } from '@colyseus/core';
import { RedisDriver } from '@colyseus/redis-driver';
import type { Redis } from 'ioredis';

/** The RedisDriver's hash of room listings (roomId → JSON), as in @colyseus/redis-driver 0.18. */
const ROOM_LISTINGS_KEY = 'roomcaches';

/** Answers whether a process can still serve its rooms; a dead one is swept before it answers false. */
export type LivenessCheck = (processId: string) => Promise<boolean>;

/**
 * RedisDriver that never hands matchmaking a listing owned by a dead process.
 * Between a SIGKILL and the next sweep, a join would otherwise pick the dead
 * room, wait out Colyseus's IPC timeout and then a health check (2–4.5 s);
 * here the owner is checked first, and a dead owner is swept on the spot so
 * the join creates the room again on a live process.
 *
 * It also implements `insert()` (HSETNX), which the stock driver lacks: with
 * it, Colyseus settles which process owns a room id when two processes create
 * the same dojo's room at once, instead of letting the second write win.
 */
export class LivenessAwareDriver extends RedisDriver {
  readonly #client: Redis;
  readonly #isAlive: LivenessCheck;

  constructor(client: Redis, isAlive: LivenessCheck) {
    super(client);
    this.#client = client;
    this.#isAlive = isAlive;
  }

  override async findOne(conditions: Partial<IRoomCache>, sortOptions?: SortOptions): Promise<IRoomCache> {
    // Each dead owner found is swept, so the next lookup sees fewer stale listings; bounded all the same.
    for (let attempt = 0; attempt < 3; attempt++) {
      const room = await super.findOne(conditions, sortOptions);
      if (!room || (await this.#isAlive(room.processId))) return room;
    }
    return undefined as unknown as IRoomCache;
  }

  async insert(room: IRoomCache): Promise<boolean> {
    const json = JSON.stringify(room);
    if ((await this.#client.hsetnx(ROOM_LISTINGS_KEY, room.roomId, json)) === 1) return true;
    const holder = await super.findOne({ roomId: room.roomId });
    // The id is held by a dead process's listing (dojo rooms reuse the dojo id): it was just swept, take it.
    if (holder && !(await this.#isAlive(holder.processId))) {
      return (await this.#client.hsetnx(ROOM_LISTINGS_KEY, room.roomId, json)) === 1;
    }
    return false;
  }
}
