import type { ApiClient } from './ApiClient.ts';

export interface AppNotification {
  id: string;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  createdAt: string;
  readAt: string | null;
}

/** The channels of one notification kind for the caller (notifier's preferences). */
export interface KindPreference {
  kind: string;
  email: boolean;
  push: boolean;
  inApp: boolean;
}

/** One e-mail or push the team's notifier handled, as owners and admins see it. */
export interface Delivery {
  id: string;
  eventId: string;
  kind: string;
  channel: 'email' | 'push';
  email: string;
  status: 'pending' | 'sending' | 'sent' | 'failed' | 'suppressed';
  attempts: number;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
}

export const DeliveryStatuses = ['pending', 'sending', 'sent', 'failed', 'suppressed'] as const;

export interface NotificationPage {
  items: AppNotification[];
  nextCursor: string | null;
  unreadCount: number;
}

/**
 * The bell's side of notifier: pages of notifications, mark read, and the live
 * unread count over Server-Sent Events. The stream is read with fetch (not
 * EventSource) so the access token travels in the Authorization header, never
 * in a URL; it reconnects with a fresh token after a drop.
 */
export class NotificationsClient {
  readonly #api: ApiClient;
  readonly #baseUrl: string;

  constructor(api: ApiClient, notifierUrl: string) {
    this.#api = api;
    this.#baseUrl = notifierUrl.replace(/\/$/, '');
  }

  list(cursor?: string, signal?: AbortSignal): Promise<NotificationPage> {
    const query = cursor ? `?limit=10&cursor=${encodeURIComponent(cursor)}` : '?limit=10';
    return this.#api.get<NotificationPage>(`${this.#baseUrl}/v1/notifications${query}`, { signal });
  }

  markRead(id: string): Promise<{ unreadCount: number }> {
    return this.#api.post(`${this.#baseUrl}/v1/notifications/${id}/read`);
  }

  markAllRead(): Promise<{ unreadCount: number }> {
    return this.#api.post(`${this.#baseUrl}/v1/notifications/read-all`);
  }

  preferences(signal?: AbortSignal): Promise<{ items: KindPreference[] }> {
    return this.#api.get(`${this.#baseUrl}/v1/notification-preferences`, { signal });
  }

  setPreference({ kind, ...switches }: KindPreference): Promise<KindPreference> {
    return this.#api.request('PUT', `${this.#baseUrl}/v1/notification-preferences/${encodeURIComponent(kind)}`, {
      body: switches,
    });
  }

  /** The team's deliveries, newest first (owners and admins; others get 403). */
  deliveries(status: string | null, signal?: AbortSignal): Promise<{ items: Delivery[] }> {
    const query = status ? `?limit=100&status=${encodeURIComponent(status)}` : '?limit=100';
    return this.#api.get(`${this.#baseUrl}/v1/deliveries${query}`, { signal });
  }

  /** Calls `onCount` with the unread count now and whenever it changes, until `signal` aborts. */
  async watchUnread(onCount: (count: number) => void, signal: AbortSignal): Promise<void> {
    let delay = 1000;
    while (!signal.aborted) {
      try {
        let session = this.#api.store.get();
        if (!session) return;
        if (session.expiresAt - Date.now() < 5_000) session = await this.#api.refresh();
        if (!session) return;
        const response = await fetch(`${this.#baseUrl}/v1/notifications/stream`, {
          headers: { authorization: `Bearer ${session.accessToken}`, accept: 'text/event-stream' },
          signal,
        });
        if (response.status === 401) await this.#api.refresh();
        else if (response.ok && response.body) {
          delay = 1000;
          await readUnreadEvents(response.body, onCount);
        }
      } catch {
        if (signal.aborted) return;
      }
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay = Math.min(30_000, delay * 2);
    }
  }
}

async function readUnreadEvents(body: ReadableStream<Uint8Array>, onCount: (count: number) => void): Promise<void> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += decoder.decode(value, { stream: true });
    let end = buffer.indexOf('\n\n');
    while (end >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      if (block.startsWith('event: unread')) {
        const data = block.split('\n').find((line) => line.startsWith('data: '));
        if (data) onCount((JSON.parse(data.slice(6)) as { unreadCount: number }).unreadCount);
      }
      end = buffer.indexOf('\n\n');
    }
  }
}
