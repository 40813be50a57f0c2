import { randomUUID } from 'node:crypto';
import test from 'ava';
import { type Envelope, encodeEnvelope, parseEnvelope } from '../src/contracts/events.ts';

const envelope = (id: string, userName: string): Envelope => ({
  id: randomUUID(),
  type: 'video.requested',
  tenantId: randomUUID(),
  occurredAt: new Date().toISOString(),
  data: { jobId: id, requestedBy: id, userId: id, userName, year: 2026 },
});

test('a message body is ASCII whatever the text, and parses back to the same text', (t) => {
  const id = randomUUID();
  for (const name of ['plain', 'João Çaçapa', '😀 emoji 🧪', '中文名字', 'tab\there', '\u007f\u0080\uffff']) {
    const body = encodeEnvelope(envelope(id, name));
    t.regex(body, /^[\x20-\x7e]*$/, name);
    const parsed = parseEnvelope(body);
    t.is(parsed.type === 'video.requested' ? parsed.data.userName : null, name);
  }
});
