import { createHmac } from 'node:crypto';
import type { IceServer } from '@pocdojo/common/contracts/dojo-protocol/voice';
import type { Clock } from '../time/clock.ts';

/** Where voice peers find each other: STUN for their public address, TURN to relay when no direct path exists. */
export interface IceServerSettings {
  stunUrls: string[];
  turnUrls: string[];
  /** coturn's `static-auth-secret` (its REST API scheme); required with turnUrls. */
  turnSecret?: string;
  /** How long issued TURN credentials stay valid. */
  turnTtlSeconds: number;
}

/**
 * Issues the ICE servers a voice member gets on joining. TURN credentials follow
 * coturn's time-limited scheme (`use-auth-secret`): the username is the expiry
 * time and the user id, the password an HMAC of it with the shared secret, so
 * coturn checks them without a database and they stop working on their own.
 */
export class IceServerIssuer {
  readonly #settings: IceServerSettings;
  readonly #clock: Clock;

  constructor(settings: IceServerSettings, clock: Clock) {
    if (settings.turnUrls.length > 0 && !settings.turnSecret) throw new Error('TURN URLs need a TURN secret');
    this.#settings = settings;
    this.#clock = clock;
  }

  /** The ICE servers for `userId`, with TURN credentials valid for the configured time from now. */
  issue(userId: string): IceServer[] {
    const servers: IceServer[] = [];
    if (this.#settings.stunUrls.length > 0) servers.push({ urls: [...this.#settings.stunUrls] });
    if (this.#settings.turnUrls.length > 0) {
      const expires = Math.floor(this.#clock.now() / 1000) + this.#settings.turnTtlSeconds;
      const username = `${expires}:${userId}`;
      const credential = createHmac('sha1', this.#settings.turnSecret!).update(username).digest('base64');
      servers.push({ urls: [...this.#settings.turnUrls], username, credential });
    }
    return servers;
  }
}
