import { useMessages } from '../i18n/useMessages.ts';
import { Link } from '../router.tsx';

const features = [
  ['landing.feature.register.title', 'landing.feature.register.text'],
  ['landing.feature.find.title', 'landing.feature.find.text'],
  ['landing.feature.together.title', 'landing.feature.together.text'],
  ['landing.feature.year.title', 'landing.feature.year.text'],
] as const;

/** What PocDojo is, for whom, and the two ways in: the page `/` shows before anyone signs in. */
export function LandingPage() {
  const { t } = useMessages();
  return (
    <section className="landing" aria-labelledby="landing-title">
      <div className="landing__hero">
        <h1 id="landing-title">{t('landing.title')}</h1>
        <p className="landing__lead">{t('landing.lead')}</p>
        <p className="actions">
          <Link to="/signup" className="button">
            {t('landing.signup')}
          </Link>
          <Link to="/login" className="button button--ghost">
            {t('landing.login')}
          </Link>
        </p>
      </div>
      <ul className="landing__features" aria-label={t('landing.features')}>
        {features.map(([title, text]) => (
          <li key={title}>
            <h2>{t(title)}</h2>
            <p>{t(text)}</p>
          </li>
        ))}
      </ul>
      <p className="muted">{t('landing.audience')}</p>
    </section>
  );
}
