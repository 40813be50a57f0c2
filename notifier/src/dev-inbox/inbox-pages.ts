import type { ReceivedEmail, RecordedPush } from './local-inbox.ts';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const esc = (text: string) => text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);

const STYLE = `body{font-family:system-ui,sans-serif;margin:24px;color:#111}table{border-collapse:collapse;width:100%}
td,th{text-align:left;padding:6px 10px;border-bottom:1px solid #ddd;font-size:14px}th{background:#f4f4f5}
h1{font-size:20px}h2{font-size:16px;margin-top:32px}.muted{color:#666}iframe{width:100%;height:480px;border:1px solid #ddd}
pre{white-space:pre-wrap;background:#f8f8f8;padding:12px}`;

/** The inbox: every e-mail (newest first, each a link to its page) and every recorded push. */
export function inboxPage(emails: ReceivedEmail[], pushes: RecordedPush[]): string {
  const mailRows = [...emails]
    .reverse()
    .map(
      (e) => `<tr><td class="muted">${esc(e.receivedAt)}</td><td>${esc(e.to.join(', '))}</td>
<td><a href="/messages/${esc(e.id)}">${esc(e.subject || '(no subject)')}</a></td><td class="muted">${esc(e.kind ?? '')}</td></tr>`,
    )
    .join('\n');
  const pushRows = [...pushes]
    .reverse()
    .map(
      (
        p,
      ) => `<tr><td class="muted">${esc(p.receivedAt)}</td><td>${esc(p.platform)}</td><td class="muted">${esc(p.token.slice(0, 16))}…</td>
<td><strong>${esc(p.title)}</strong><br>${esc(p.body)}</td><td class="muted">${esc(p.kind)}</td></tr>`,
    )
    .join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>PocDojo local inbox</title>
<meta http-equiv="refresh" content="5"><style>${STYLE}</style></head><body>
<h1>PocDojo local inbox</h1>
<p class="muted">Every e-mail the notifier sent over SMTP and every push it would have sent, on this machine only.</p>
<h2>E-mails (${emails.length})</h2>
<table><tr><th>received</th><th>to</th><th>subject</th><th>kind</th></tr>${mailRows || '<tr><td colspan="4" class="muted">none yet</td></tr>'}</table>
<h2>Push notifications (${pushes.length})</h2>
<table><tr><th>received</th><th>platform</th><th>token</th><th>message</th><th>kind</th></tr>${pushRows || '<tr><td colspan="5" class="muted">none yet</td></tr>'}</table>
</body></html>`;
}

/** One e-mail: its headers, its HTML part in a sandboxed frame, and its plain-text part. */
export function messagePage(email: ReceivedEmail): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(email.subject)}</title><style>${STYLE}</style></head><body>
<p><a href="/">← inbox</a></p>
<h1>${esc(email.subject)}</h1>
<table><tr><th>from</th><td>${esc(email.from)}</td></tr><tr><th>to</th><td>${esc(email.to.join(', '))}</td></tr>
<tr><th>received</th><td>${esc(email.receivedAt)}</td></tr><tr><th>message id</th><td>${esc(email.messageId ?? '')}</td></tr></table>
${email.html ? `<h2>HTML</h2><iframe sandbox="allow-popups" srcdoc="${esc(email.html)}"></iframe>` : ''}
<h2>Plain text</h2><pre>${esc(email.text)}</pre>
</body></html>`;
}
