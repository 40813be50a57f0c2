import { type ChatMessage, Limits } from '@pocdojo/common/dojo-protocol/index';
import { DEFAULT_TIME_ZONE } from '@pocdojo/common/i18n/locales';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useMessages } from '../i18n/useMessages.ts';

/** Room chat: history from the server, a live log, and a composer. */
export function ChatPanel({
  messages,
  onSend,
  disabled,
}: {
  messages: ChatMessage[];
  onSend: (text: string) => boolean;
  disabled: boolean;
}) {
  const { t, locale } = useMessages();
  const timeOfDay = new Intl.DateTimeFormat(locale, {
    hour: '2-digit',
    minute: '2-digit',
    timeZone: DEFAULT_TIME_ZONE,
  });
  const [text, setText] = useState('');
  const log = useRef<HTMLOListElement>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: scroll when a message arrives
  useEffect(() => {
    log.current?.scrollTo({ top: log.current.scrollHeight });
  }, [messages.length]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = text.trim();
    if (trimmed && onSend(trimmed)) setText('');
  };
  return (
    <section aria-labelledby="chat-title" className="panel chat">
      <h2 id="chat-title">{t('dojo.chat.title')}</h2>
      <ol ref={log} className="chat__log" aria-live="polite" aria-label={t('dojo.chat.messages')}>
        {messages.map((m) => (
          <li key={m.id}>
            <span className="chat__author">{m.name}</span>{' '}
            <time dateTime={new Date(m.at).toISOString()} className="muted">
              {timeOfDay.format(m.at)}
            </time>
            <p>{m.text}</p>
          </li>
        ))}
      </ol>
      <form onSubmit={submit} className="chat__form">
        <label htmlFor="chat-input" className="visually-hidden">
          {t('dojo.chat.label')}
        </label>
        <input
          id="chat-input"
          value={text}
          maxLength={Limits.chatChars}
          onChange={(e) => setText(e.target.value)}
          placeholder={t('dojo.chat.placeholder')}
          autoComplete="off"
        />
        <button type="submit" className="button" disabled={disabled || !text.trim()}>
          {t('dojo.chat.send')}
        </button>
      </form>
    </section>
  );
}
