import { useState } from 'react';
import { useServices } from '../AppContext.tsx';
import { Field } from '../components/Field.tsx';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { useMessages } from '../i18n/useMessages.ts';
import { useAsyncAction } from '../lib/useAsyncAction.ts';
import { useForm } from '../lib/useForm.ts';
import { useResource } from '../lib/useResource.ts';

interface Status {
  enabled: boolean;
  enabledAt: string | null;
  recoveryCodesLeft: number;
  requiredByTeam: boolean;
}
interface Enrolment {
  secret: string;
  otpauthUri: string;
  qrSvg: string;
}

/** Turn two-factor login on (scan, confirm, save the recovery codes) or manage it: new recovery codes, turning it off. */
export function TwoFactorPage() {
  const { api } = useServices();
  const { t, locale } = useMessages();
  const status = useResource((signal) => api.get<Status>('/v1/me/mfa', { signal }), []);
  const [enrolment, setEnrolment] = useState<Enrolment | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const { values, setValues, bind } = useForm({ code: '', password: '' });
  const clear = () => setValues({ code: '', password: '' });

  const start = useAsyncAction(async () => setEnrolment(await api.post<Enrolment>('/v1/me/mfa/enrolment')));
  const confirm = useAsyncAction(async () => {
    const answer = await api.post<{ recoveryCodes: string[] }>('/v1/me/mfa/enrolment/confirm', { code: values.code });
    setCodes(answer.recoveryCodes);
    setEnrolment(null);
    clear();
    status.reload();
  });
  const regenerate = useAsyncAction(async () => {
    const answer = await api.post<{ recoveryCodes: string[] }>('/v1/me/mfa/recovery-codes', { code: values.code });
    setCodes(answer.recoveryCodes);
    clear();
    status.reload();
  });
  const disable = useAsyncAction(async () => {
    await api.post('/v1/me/mfa/disable', { password: values.password, code: values.code });
    clear();
    status.reload();
  });
  const error = start.error ?? confirm.error ?? regenerate.error ?? disable.error;
  const current = status.data;

  return (
    <section className="card card--narrow stack" aria-labelledby="mfa-title" lang={locale}>
      <h1 id="mfa-title">{t('mfa.page.title')}</h1>
      <ProblemAlert error={status.error ?? error} fields={Object.keys(values)} />
      {!current && status.loading && <p aria-live="polite">{t('mfa.page.loading')}</p>}
      {codes && (
        <section aria-labelledby="codes-title">
          <h2 id="codes-title">{t('mfa.page.codes_title')}</h2>
          <p>{t('mfa.page.codes_intro')}</p>
          <ul className="recovery-codes" data-testid="recovery-codes">
            {codes.map((code) => (
              <li key={code}>
                <code>{code}</code>
              </li>
            ))}
          </ul>
          <button type="button" className="button" onClick={() => setCodes(null)}>
            {t('mfa.page.codes_done')}
          </button>
        </section>
      )}
      {current && !current.enabled && !enrolment && (
        <>
          <p>{current.requiredByTeam ? t('mfa.page.required') : t('mfa.page.off')}</p>
          <button type="button" className="button" disabled={start.busy} onClick={() => void start.run()}>
            {t('mfa.page.start')}
          </button>
        </>
      )}
      {enrolment && (
        <form onSubmit={confirm.submit} noValidate>
          <p>{t('mfa.page.scan')}</p>
          <img
            src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(enrolment.qrSvg)}`}
            alt={t('mfa.page.qr_alt')}
            width={220}
            height={220}
          />
          <p>{t('mfa.page.secret', { secret: enrolment.secret })}</p>
          <Field
            label={t('mfa.step.code')}
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={6}
            required
            {...bind('code', confirm.error)}
          />
          <button className="button" type="submit" disabled={confirm.busy}>
            {t('mfa.page.confirm')}
          </button>
        </form>
      )}
      {current?.enabled && !codes && (
        <>
          <p>
            {t('mfa.page.on', { since: new Date(current.enabledAt ?? Date.now()), left: current.recoveryCodesLeft })}
          </p>
          <form noValidate onSubmit={(event) => event.preventDefault()}>
            <Field
              label={t('mfa.step.code')}
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={6}
              {...bind('code', regenerate.error ?? disable.error)}
            />
            <button type="button" className="button" disabled={regenerate.busy} onClick={() => void regenerate.run()}>
              {t('mfa.page.regenerate')}
            </button>
            {current.requiredByTeam ? (
              <p>{t('mfa.page.disabled_by_team')}</p>
            ) : (
              <>
                <Field
                  label={t('mfa.page.password')}
                  type="password"
                  autoComplete="current-password"
                  {...bind('password', disable.error)}
                />
                <button
                  type="button"
                  className="button button--danger"
                  disabled={disable.busy}
                  onClick={() => void disable.run()}
                >
                  {t('mfa.page.disable')}
                </button>
              </>
            )}
          </form>
        </>
      )}
    </section>
  );
}
