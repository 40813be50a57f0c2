import type { DevicePlatform, PushDevice, PushMessage, PushOutcome, PushSender } from './push-sender.ts';

/**
 * The local stand-in for SNS: records what would be pushed by posting it to
 * the local inbox (`npm run dev-inbox`), which shows pushes beside e-mails.
 * A token starting with `invalid-` is answered as SNS answers a dead token,
 * so pruning can be seen locally too.
 */
export class LocalPushSender implements PushSender {
  readonly name = 'local';
  readonly #inboxUrl: string;

  constructor(inboxUrl: string) {
    this.#inboxUrl = inboxUrl;
  }

  async register(_platform: DevicePlatform, _token: string): Promise<string | null> {
    return null;
  }

  async send(device: PushDevice, message: PushMessage): Promise<PushOutcome> {
    if (device.token.startsWith('invalid-')) return 'invalid';
    const response = await fetch(new URL('/api/pushes', this.#inboxUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ platform: device.platform, token: device.token, ...message }),
      signal: AbortSignal.timeout(5000),
    });
    if (!response.ok) throw new Error(`local inbox answered ${response.status}`);
    return 'sent';
  }

  async unregister(): Promise<void> {}
}
