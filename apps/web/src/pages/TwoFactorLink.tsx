import { useMessages } from '../i18n/useMessages.ts';
import { Link } from '../router.tsx';

/** The way from the account page to two-factor login, in the member's language. */
export function TwoFactorLink() {
  const { t, locale } = useMessages();
  return (
    <p lang={locale}>
      <Link to="/account/two-factor">{t('mfa.page.link')}</Link>
    </p>
  );
}
