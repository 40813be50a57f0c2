import type { Client } from '@colyseus/core';
import type { DojoRole } from '@pocdojo/common/dojo-protocol/messages';
import type { UserId } from '@pocdojo/common/ids';

/** Who a connection is in the room: kept on the Colyseus client as its userData. */
export interface Session {
  userId: UserId;
  name: string;
  role: DojoRole;
  color: string;
  /** The client takes raw changes (the relay fast path) instead of sync rounds. */
  relay: boolean;
}

export type DojoClient = Client<{ userData: Session }>;
