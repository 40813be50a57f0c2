import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import bodyParser from '@koa/bodyparser';
import Router from '@koa/router';
import Koa from 'koa';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { inboxPage, messagePage } from './inbox-pages.ts';

/** An e-mail as the local inbox received it over SMTP. */
export interface ReceivedEmail {
  id: string;
  receivedAt: string;
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string | null;
  messageId: string | null;
  kind: string | null;
}

/** A push the notifier's local stand-in would have sent to APNs or FCM. */
export interface RecordedPush {
  id: string;
  receivedAt: string;
  platform: string;
  token: string;
  userId: string;
  title: string;
  body: string;
  url: string | null;
  kind: string;
}

export interface LocalInboxOptions {
  smtpPort: number;
  httpPort: number;
  host?: string;
  /** Messages kept (oldest dropped first). */
  capacity?: number;
}

/**
 * The local mail and push catcher for `npm start` and the tests: a real SMTP
 * server (smtp-server, parsed with mailparser) and an HTTP inbox page that
 * lists and shows every e-mail and recorded push, plus a JSON API the tests
 * read from. Loopback only, no authentication, memory only: a development tool.
 */
export class LocalInbox {
  readonly emails: ReceivedEmail[] = [];
  readonly pushes: RecordedPush[] = [];
  readonly #options: Required<LocalInboxOptions>;
  readonly #waiters = new Set<() => void>();
  #smtp: SMTPServer | undefined;
  #http: Server | undefined;
  smtpPort = 0;
  httpPort = 0;

  constructor(options: LocalInboxOptions) {
    this.#options = { host: '127.0.0.1', capacity: 5000, ...options };
  }

  get smtpUrl(): string {
    return `smtp://127.0.0.1:${this.smtpPort}`;
  }

  get httpUrl(): string {
    return `http://127.0.0.1:${this.httpPort}`;
  }

  async start(): Promise<void> {
    const smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['AUTH', 'STARTTLS'],
      banner: 'PocDojo local inbox',
      size: 10 * 1024 * 1024,
      logger: false,
      onData: (stream, _session, callback) => {
        simpleParser(stream)
          .then((mail) => {
            const kind = mail.headers.get('x-pocdojo-kind');
            this.#keep(this.emails, {
              id: randomUUID(),
              receivedAt: new Date().toISOString(),
              from: mail.from?.text ?? '',
              to: (Array.isArray(mail.to) ? mail.to : mail.to ? [mail.to] : []).flatMap((a) =>
                a.value.map((v) => v.address ?? ''),
              ),
              subject: mail.subject ?? '',
              text: mail.text ?? '',
              html: typeof mail.html === 'string' ? mail.html : null,
              messageId: mail.messageId ?? null,
              kind: typeof kind === 'string' ? kind : null,
            });
            callback();
          })
          .catch((error: Error) => callback(error));
      },
    });
    this.#smtp = smtp;
    await new Promise<void>((resolve, reject) => {
      smtp.once('error', reject);
      smtp.listen(this.#options.smtpPort, this.#options.host, () => resolve());
    });
    const address = smtp.server.address();
    this.smtpPort = typeof address === 'object' && address ? address.port : this.#options.smtpPort;
    const app = this.#app();
    this.#http = await new Promise<Server>((resolve, reject) => {
      const server = app.listen(this.#options.httpPort, this.#options.host, () => resolve(server));
      server.once('error', reject);
    });
    const httpAddress = this.#http.address();
    this.httpPort = typeof httpAddress === 'object' && httpAddress ? httpAddress.port : this.#options.httpPort;
  }

  /** Resolves once `predicate` holds over what was received (checked on every arrival). */
  waitFor<T>(predicate: () => T | undefined | false, timeoutMs = 30_000): Promise<T> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const value = predicate();
        if (value) {
          this.#waiters.delete(check);
          clearTimeout(timer);
          resolve(value);
        }
      };
      const timer = setTimeout(() => {
        this.#waiters.delete(check);
        reject(new Error(`local inbox: condition not met in ${timeoutMs} ms`));
      }, timeoutMs);
      this.#waiters.add(check);
      check();
    });
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.#smtp ? this.#smtp.close(() => resolve()) : resolve()));
    await new Promise<void>((resolve) => {
      if (!this.#http) return resolve();
      this.#http.close(() => resolve());
      this.#http.closeAllConnections();
    });
  }

  #keep<T>(list: T[], item: T): void {
    list.push(item);
    if (list.length > this.#options.capacity) list.shift();
    for (const waiter of [...this.#waiters]) waiter();
  }

  #app(): Koa {
    const app = new Koa();
    const router = new Router();
    router.get('/healthz', (ctx) => {
      ctx.body = { status: 'ok' };
    });
    router.get('/', (ctx) => {
      ctx.type = 'html';
      ctx.body = inboxPage(this.emails, this.pushes);
    });
    router.get('/messages/:id', (ctx) => {
      const email = this.emails.find((e) => e.id === ctx.params.id);
      if (!email) return;
      ctx.type = 'html';
      ctx.body = messagePage(email);
    });
    router.get('/api/messages', (ctx) => {
      ctx.body = { items: this.emails };
    });
    router.get('/api/pushes', (ctx) => {
      ctx.body = { items: this.pushes };
    });
    router.post('/api/pushes', bodyParser({ enableTypes: ['json'], jsonLimit: '16kb' }), (ctx) => {
      const body = ctx.request.body as Partial<RecordedPush>;
      this.#keep(this.pushes, {
        id: randomUUID(),
        receivedAt: new Date().toISOString(),
        platform: String(body.platform ?? ''),
        token: String(body.token ?? ''),
        userId: String(body.userId ?? ''),
        title: String(body.title ?? ''),
        body: String(body.body ?? ''),
        url: body.url ? String(body.url) : null,
        kind: String(body.kind ?? ''),
      });
      ctx.status = 201;
      ctx.body = { ok: true };
    });
    app.use(router.routes()).use(router.allowedMethods());
    return app;
  }
}
