import { type ChatMessage, Limits } from '@pocdojo/common/contracts/dojo-protocol';
import { type FormEvent, useEffect, useRef, useState } from 'react';

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
      <h2 id="chat-title">Chat</h2>
      <ol ref={log} className="chat__log" aria-live="polite" aria-label="Chat messages">
        {messages.map((m) => (
          <li key={m.id}>
            <span className="chat__author">{m.name}</span>{' '}
            <time dateTime={new Date(m.at).toISOString()} className="muted">
              {new Date(m.at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}
            </time>
            <p>{m.text}</p>
          </li>
        ))}
      </ol>
      <form onSubmit={submit} className="chat__form">
        <label htmlFor="chat-input" className="visually-hidden">
          Message
        </label>
        <input
          id="chat-input"
          value={text}
          maxLength={Limits.chatChars}
          onChange={(e) => setText(e.target.value)}
          placeholder="Message the room"
          autoComplete="off"
        />
        <button type="submit" className="button" disabled={disabled || !text.trim()}>
          Send
        </button>
      </form>
    </section>
  );
}
