import type { Locale } from '@pocdojo/common/i18n/locales';
import type { Role } from './types.ts';

/** What a signed-in browser keeps: tokens plus who it is, so a reload needs no round trip. */
export interface Session {
  accessToken: string;
  refreshToken: string;
  /** Epoch ms when the access token expires. */
  expiresAt: number;
  /** `locale`: the profile's language (absent in sessions stored before it was kept). */
  user: { id: string; name: string; email: string; role: Role; locale?: Locale };
  tenant: { id: string; name: string; slug: string } | null;
}

const KEY = 'pocdojo.session';

/** The part of the Web Storage API the session needs. */
export type SessionStorageArea = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/**
 * The session in localStorage, shared by every tab (the `storage` event tells
 * other tabs about a refresh or a logout), observable by React.
 */
export class SessionStore {
  #session: Session | null = null;
  #listeners = new Set<() => void>();

  readonly #storage: SessionStorageArea;

  /** `storage` is localStorage in the browser; anything with the same three methods elsewhere. */
  constructor(storage: SessionStorageArea = localStorage) {
    this.#storage = storage;
    this.#session = this.#read();
    if (typeof window === 'undefined') return;
    window.addEventListener('storage', (event) => {
      if (event.key !== KEY) return;
      this.#session = this.#read();
      this.#emit();
    });
  }

  get = (): Session | null => this.#session;

  /** Re-reads storage now, not waiting for the `storage` event (another tab may just have refreshed). */
  reload(): Session | null {
    const stored = this.#read();
    if (stored?.accessToken !== this.#session?.accessToken) {
      this.#session = stored;
      this.#emit();
    }
    return this.#session;
  }

  set(session: Session | null): void {
    this.#session = session;
    if (session) this.#storage.setItem(KEY, JSON.stringify(session));
    else this.#storage.removeItem(KEY);
    this.#emit();
  }

  subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  #emit(): void {
    for (const listener of this.#listeners) listener();
  }

  #read(): Session | null {
    try {
      const raw = this.#storage.getItem(KEY);
      if (!raw) return null;
      const parsed = JSON.parse(raw) as Session;
      return typeof parsed.accessToken === 'string' && typeof parsed.refreshToken === 'string' ? parsed : null;
    } catch {
      return null;
    }
  }
}
