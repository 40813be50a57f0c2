import { ApiError } from './ApiError.ts';
import type { Session, SessionStore } from './SessionStore.ts';
import type { TokenAnswer } from './types.ts';

/** Refresh this long before the access token expires, so a request never races the expiry. */
const REFRESH_MARGIN_MS = 60_000;

export interface RequestOptions {
  body?: unknown;
  headers?: Record<string, string>;
  /** false for the endpoints that create a session (signup, login, refresh). */
  auth?: boolean;
  signal?: AbortSignal;
}

/** Epoch ms of a JWT's `exp`, read without verifying (only to schedule a refresh). */
export function tokenExpiry(token: string, fallbackSeconds = 900): number {
  try {
    const payload = JSON.parse(atob(token.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/'))) as { exp?: number };
    if (typeof payload.exp === 'number') return payload.exp * 1000;
  } catch {
    // Not a JWT we can read: fall back to the advertised lifetime.
  }
  return Date.now() + fallbackSeconds * 1000;
}

/**
 * fetch for platform-api: JSON in and out, problem details as ApiError, the
 * access token attached, and a silent refresh both ahead of expiry and on a
 * 401 — with one refresh in flight shared by every caller, because refresh
 * tokens rotate and a second concurrent refresh would look like token reuse.
 */
export class ApiClient {
  readonly baseUrl: string;
  readonly store: SessionStore;
  #refreshing: Promise<Session | null> | null = null;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #closed = false;
  /**
   * The language the app is shown in, sent as `Accept-Language`: the API answers signed-in members in
   * their profile's language anyway, and visitors (login, sign-up) in this one, so errors match the page.
   */
  language: string | undefined;

  constructor(baseUrl: string, store: SessionStore) {
    this.baseUrl = baseUrl.replace(/\/$/, '');
    this.store = store;
    store.subscribe(() => this.#schedule());
    this.#schedule();
  }

  /** Stops the scheduled refresh (tests, or an app shell being torn down). */
  close(): void {
    clearTimeout(this.#timer);
    this.#closed = true;
  }

  get = <T>(path: string, options?: RequestOptions) => this.request<T>('GET', path, options);
  post = <T>(path: string, body?: unknown, options?: RequestOptions) =>
    this.request<T>('POST', path, { ...options, body });
  patch = <T>(path: string, body?: unknown, options?: RequestOptions) =>
    this.request<T>('PATCH', path, { ...options, body });
  delete = <T>(path: string, options?: RequestOptions) => this.request<T>('DELETE', path, options);

  async request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
    const auth = options.auth ?? true;
    let session = auth ? this.store.get() : null;
    if (session && session.expiresAt - Date.now() < 5_000) session = await this.refresh();
    let response = await this.#send(method, path, options, session?.accessToken);
    if (response.status === 401 && auth && session) {
      // Another caller may have refreshed while this request was in flight: use its token.
      const current = this.store.get();
      const renewed = current && current.accessToken !== session.accessToken ? current : await this.refresh();
      if (renewed) response = await this.#send(method, path, options, renewed.accessToken);
    }
    return this.#parse<T>(response);
  }

  /**
   * Renews the tokens; resolves null (and signs out) when the refresh token is
   * no longer valid. Tabs of one browser share the session, so the refresh
   * runs under a Web Lock: a tab that waited finds the tokens another tab just
   * rotated and uses them, instead of presenting the rotated refresh token
   * again (which platform-api treats as theft and answers by revoking the family).
   */
  refresh(): Promise<Session | null> {
    const stale = this.store.get()?.accessToken;
    this.#refreshing ??= withRefreshLock(() => this.#doRefresh(stale)).finally(() => {
      this.#refreshing = null;
    });
    return this.#refreshing;
  }

  async #doRefresh(staleAccessToken: string | undefined): Promise<Session | null> {
    const current = this.store.reload();
    if (!current) return null;
    if (current.accessToken !== staleAccessToken && current.expiresAt - Date.now() > REFRESH_MARGIN_MS) return current;
    try {
      const answer = await this.post<TokenAnswer>(
        '/v1/auth/refresh',
        { refreshToken: current.refreshToken },
        { auth: false },
      );
      // Another tab may have signed out meanwhile.
      if (!this.store.get()) return null;
      const next: Session = {
        ...current,
        accessToken: answer.accessToken,
        refreshToken: answer.refreshToken,
        expiresAt: tokenExpiry(answer.accessToken, answer.expiresIn),
      };
      this.store.set(next);
      return next;
    } catch (error) {
      if (error instanceof ApiError && (error.status === 401 || error.status === 400)) {
        this.store.set(null);
        return null;
      }
      throw error;
    }
  }

  #schedule(): void {
    clearTimeout(this.#timer);
    const session = this.store.get();
    if (!session || this.#closed) return;
    // setTimeout overflows past 2^31 − 1 ms and would fire at once.
    const delay = Math.min(2 ** 31 - 1, Math.max(1_000, session.expiresAt - Date.now() - REFRESH_MARGIN_MS));
    this.#timer = setTimeout(() => {
      this.refresh().catch(() => {
        // Offline: the next request (or its 401) will try again.
      });
    }, delay);
  }

  async #send(method: string, path: string, options: RequestOptions, token?: string): Promise<Response> {
    const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    if (token) headers.authorization = `Bearer ${token}`;
    if (this.language && !headers['accept-language']) headers['accept-language'] = this.language;
    try {
      // Absolute URLs reach other services that accept the same access token (dojo-engine's history).
      const url = /^https?:\/\//.test(path) ? path : `${this.baseUrl}${path}`;
      return await fetch(url, {
        method,
        headers,
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
        signal: options.signal,
      });
    } catch (error) {
      if (options.signal?.aborted) throw error;
      throw new ApiError(0, {}, { cause: error });
    }
  }

  async #parse<T>(response: Response): Promise<T> {
    const text = await response.text();
    let body: unknown = null;
    if (text) {
      try {
        body = JSON.parse(text);
      } catch {
        body = null;
      }
    }
    if (!response.ok) throw new ApiError(response.status, (body ?? {}) as ConstructorParameters<typeof ApiError>[1]);
    return body as T;
  }
}

/** Runs `task` holding the origin-wide refresh lock when the Web Locks API exists (browsers, Node 24). */
function withRefreshLock<T>(task: () => Promise<T>): Promise<T> {
  const locks = typeof navigator === 'undefined' ? undefined : navigator.locks;
  return locks ? locks.request('pocdojo.refresh', task) : task();
}
