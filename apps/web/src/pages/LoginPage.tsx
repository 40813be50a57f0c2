import { lazy, Suspense, useEffect, useState } from 'react';
import { useServices } from '../AppContext.tsx';
import { chooseTeam, landingPath, login, type MfaChallenge, type TeamChoice } from '../api/auth.ts';
import { Field } from '../components/Field.tsx';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { preloadMessages } from '../i18n/catalogue.ts';
import { useMessages } from '../i18n/useMessages.ts';
import { useAsyncAction } from '../lib/useAsyncAction.ts';
import { useForm } from '../lib/useForm.ts';
import { Link, navigate, useLocation } from '../router.tsx';

// Only members with two-factor login need the second step (and its message catalogues): not in the first load.
const SecondStepForm = lazy(() =>
  import('../components/SecondStepForm.tsx').then((m) => ({ default: m.SecondStepForm })),
);

/**
 * Log in with e-mail and password. When they open several teams, pick one.
 * `?team=slug` (a direct link) logs straight into that team.
 */
export function LoginPage() {
  const { api } = useServices();
  const { search } = useLocation();
  const { t, locale } = useMessages();
  // The pages after login need the member part of the catalogue: fetch it while the form is filled in.
  useEffect(() => preloadMessages(locale, 'member'), [locale]);
  const { values, bind } = useForm({ email: '', password: '' });
  const [choice, setChoice] = useState<TeamChoice | null>(null);
  const [challenge, setChallenge] = useState<MfaChallenge | null>(null);
  const enter = async () => {
    navigate('/pocs', { replace: true });
    // A team that requires two-factor login sends a member who has not enrolled to the enrolment.
    const landing = await landingPath(api);
    if (landing !== '/pocs') navigate(landing, { replace: true });
  };
  const { submit, busy, error } = useAsyncAction(async () => {
    const answer = await login(api, { ...values, tenant: search.get('team') ?? undefined });
    if ('choiceToken' in answer) setChoice(answer);
    else if ('mfaRequired' in answer) setChallenge(answer);
    else await enter();
  });
  const pick = useAsyncAction(async (tenantId: string) => {
    if (!choice) return;
    const answer = await chooseTeam(api, choice.choiceToken, tenantId);
    if ('mfaRequired' in answer) setChallenge(answer);
    else await enter();
  });
  if (challenge) {
    return (
      <Suspense fallback={<p aria-live="polite">{t('login.opening_second_step')}</p>}>
        <SecondStepForm mfaToken={challenge.mfaToken} onDone={enter} onBack={() => setChallenge(null)} />
      </Suspense>
    );
  }
  if (choice) {
    return (
      <section className="card card--narrow" aria-labelledby="team-title">
        <h1 id="team-title">{t('login.choose.title')}</h1>
        <p>{t('login.choose.text', { email: values.email })}</p>
        <ProblemAlert error={pick.error} />
        <ul className="stack">
          {choice.teams.map((team) => (
            <li key={team.id}>
              <button type="button" className="button" disabled={pick.busy} onClick={() => void pick.run(team.id)}>
                {team.name}
              </button>
            </li>
          ))}
        </ul>
        <button type="button" className="button button--ghost" onClick={() => setChoice(null)}>
          {t('login.back')}
        </button>
      </section>
    );
  }
  return (
    <section className="card card--narrow" aria-labelledby="login-title">
      <h1 id="login-title">{t('login.title')}</h1>
      <form onSubmit={submit} noValidate>
        <ProblemAlert error={error} fields={Object.keys(values)} />
        <Field label={t('login.email')} type="email" autoComplete="email" required {...bind('email', error)} />
        <Field
          label={t('login.password')}
          type="password"
          autoComplete="current-password"
          required
          {...bind('password', error)}
        />
        <button className="button" type="submit" disabled={busy}>
          {busy ? t('login.busy') : t('login.submit')}
        </button>
      </form>
      <p>
        <Link to="/forgot-password">{t('login.forgot')}</Link>
      </p>
      <p>
        {t('login.new_team')} <Link to="/signup">{t('login.signup')}</Link>
      </p>
    </section>
  );
}
