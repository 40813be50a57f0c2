import type { Locale, NotificationKind } from '@pocdojo/common/contracts/notifications';
import { Messages, Vocabulary } from './messages.ts';

/** A notification ready for a channel: e-mail uses all of it, push and in-app the title and text. */
export interface RenderedMessage {
  subject: string;
  /** The one sentence of what happened: the in-app and push text. */
  body: string;
  text: string;
  html: string;
  /** Absolute URL in the web app, or null. */
  url: string | null;
}

export interface RenderInput {
  kind: NotificationKind;
  locale: Locale;
  recipientName: string;
  params: Record<string, string>;
  /** Path in the web app (from the event). */
  link: string | null;
  webPublicUrl: string;
}

/** Params whose values are ISO dates, shown in the reader's language and São Paulo time. */
const DATE_PARAMS = new Set(['startsAt', 'expiresAt', 'erasesAt']);

/** Fills a message's placeholders; an unknown placeholder stays visible rather than vanishing. */
function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}

function localise(locale: Locale, params: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  const words = Vocabulary[locale];
  for (const [name, value] of Object.entries(params)) {
    if (DATE_PARAMS.has(name) && !Number.isNaN(Date.parse(value))) {
      out[name] =
        new Intl.DateTimeFormat(locale, {
          dateStyle: 'medium',
          timeStyle: 'short',
          timeZone: 'America/Sao_Paulo',
        }).format(new Date(value)) + (locale === 'pt-BR' ? ' (horário de Brasília)' : ' (Brasília time)');
    } else {
      out[name] = words[value] ?? value;
    }
  }
  if (params.jobKind) out.jobLabel = words[params.jobKind] ?? params.jobKind;
  return out;
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);

/** Joins the web app's public URL and a path from the event, refusing anything that would leave the app. */
export function appUrl(webPublicUrl: string, link: string | null): string | null {
  if (!link) return null;
  const base = new URL(webPublicUrl);
  const url = new URL(link, base);
  if (url.origin !== base.origin) return null;
  return url.toString();
}

/**
 * Renders one notification in the recipient's language: subject, plain text and
 * HTML (every param escaped; the only markup is ours).
 */
export function renderMessage(input: RenderInput): RenderedMessage {
  const message = Messages[input.kind][input.locale];
  const values = localise(input.locale, input.params);
  const subject = fill(message.subject, values);
  const body = fill(message.body, values);
  const url = appUrl(input.webPublicUrl, input.link);
  const greeting = input.locale === 'pt-BR' ? `Olá, ${input.recipientName}` : `Hello ${input.recipientName}`;
  const text = [
    `${greeting},`,
    '',
    body,
    ...(url && message.action ? ['', `${message.action}: ${url}`] : []),
    ...(message.footer ? ['', message.footer] : []),
    '',
    '— PocDojo',
  ].join('\n');
  const button =
    url && message.action
      ? `<p style="margin:24px 0"><a href="${escapeHtml(url)}" style="background:#2563eb;color:#fff;padding:10px 18px;border-radius:6px;text-decoration:none;font-weight:600">${escapeHtml(message.action)}</a></p>
<p style="color:#555;font-size:13px">${escapeHtml(url)}</p>`
      : '';
  const html = `<!doctype html>
<html lang="${input.locale}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>
<body style="font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;color:#111;max-width:560px;margin:0 auto;padding:24px">
<p>${escapeHtml(greeting)},</p>
<p>${escapeHtml(body)}</p>
${button}
${message.footer ? `<p style="color:#555;font-size:13px">${escapeHtml(message.footer)}</p>` : ''}
<p style="color:#888;font-size:12px">— PocDojo</p>
</body></html>`;
  return { subject, body, text, html, url };
}
