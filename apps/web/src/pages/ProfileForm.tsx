import { useEffect, useState } from 'react';
import { useServices, useSession } from '../AppContext.tsx';
import { Field } from '../components/Field.tsx';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { SelectField } from '../components/SelectField.tsx';
import { useAsyncAction } from '../lib/useAsyncAction.ts';
import { useForm } from '../lib/useForm.ts';

const languages = [
  { value: 'pt-BR', label: 'Português (Brasil)' },
  { value: 'en', label: 'English' },
];

/** Name, language of e-mails, and e-mail address (a new one takes effect once its confirmation link is followed). */
export function ProfileForm() {
  const { api, store } = useServices();
  const session = useSession();
  const { values, setValues, bind } = useForm({
    name: session?.user.name ?? '',
    email: session?.user.email ?? '',
    locale: 'pt-BR',
  });
  // The language lives on the server only: read it once.
  useEffect(() => {
    const stop = new AbortController();
    api.get<{ locale: string }>('/v1/me', { signal: stop.signal }).then(
      (me) => setValues((current) => ({ ...current, locale: me.locale })),
      () => undefined,
    );
    return () => stop.abort();
  }, [api, setValues]);
  const [note, setNote] = useState<string | null>(null);
  const save = useAsyncAction(async () => {
    const me = await api.patch<{ name: string; email: string; pendingEmail: string | null }>('/v1/me', values);
    const current = store.get();
    if (current) store.set({ ...current, user: { ...current.user, name: me.name } });
    setNote(me.pendingEmail ? `Saved. Confirm ${me.pendingEmail} with the link we sent to it.` : 'Saved.');
  });
  return (
    <form onSubmit={save.submit} noValidate aria-labelledby="profile-title">
      <h2 id="profile-title">Profile</h2>
      <ProblemAlert error={save.error} fields={Object.keys(values)} />
      <Field label="Name" autoComplete="name" {...bind('name', save.error)} />
      <Field label="E-mail" type="email" autoComplete="email" {...bind('email', save.error)} />
      <SelectField label="Language of e-mails" options={languages} {...bind('locale', save.error)} />
      <button type="submit" className="button" disabled={save.busy}>
        Save profile
      </button>
      {note && (
        <p role="status" className="alert alert--info">
          {note}
        </p>
      )}
    </form>
  );
}
