import { useState } from 'react';
import { useServices } from '../AppContext.tsx';
import { secondStep } from '../api/auth.ts';
import { useMessages } from '../i18n/useMessages.ts';
import { useAsyncAction } from '../lib/useAsyncAction.ts';
import { useForm } from '../lib/useForm.ts';
import { Field } from './Field.tsx';
import { ProblemAlert } from './ProblemAlert.tsx';

/** The login's second step: a code from the authenticator app, or one of the recovery codes. */
export function SecondStepForm({
  mfaToken,
  onDone,
  onBack,
}: {
  mfaToken: string;
  onDone: () => Promise<void> | void;
  onBack: () => void;
}) {
  const { api } = useServices();
  const { t, locale } = useMessages();
  const [recovery, setRecovery] = useState(false);
  const { values, bind } = useForm({ code: '', recoveryCode: '' });
  const { submit, busy, error } = useAsyncAction(async () => {
    await secondStep(api, mfaToken, recovery ? { recoveryCode: values.recoveryCode } : { code: values.code });
    await onDone();
  });
  return (
    <section className="card card--narrow" aria-labelledby="mfa-step-title" lang={locale}>
      <h1 id="mfa-step-title">{t('mfa.step.title')}</h1>
      <p>{t('mfa.step.intro')}</p>
      <form onSubmit={submit} noValidate>
        <ProblemAlert error={error} fields={Object.keys(values)} />
        {recovery ? (
          <Field label={t('mfa.step.recovery')} autoComplete="off" required {...bind('recoveryCode', error)} />
        ) : (
          <Field
            label={t('mfa.step.code')}
            inputMode="numeric"
            autoComplete="one-time-code"
            pattern="[0-9]*"
            maxLength={6}
            required
            {...bind('code', error)}
          />
        )}
        <button className="button" type="submit" disabled={busy}>
          {busy ? t('mfa.step.busy') : t('mfa.step.submit')}
        </button>
      </form>
      <p>
        <button type="button" className="button button--ghost" onClick={() => setRecovery(!recovery)}>
          {recovery ? t('mfa.step.use_code') : t('mfa.step.use_recovery')}
        </button>{' '}
        <button type="button" className="button button--ghost" onClick={onBack}>
          {t('mfa.step.back')}
        </button>
      </p>
    </section>
  );
}
