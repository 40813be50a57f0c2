import { useMessages } from '../i18n/useMessages.ts';
import { Link } from '../router.tsx';

/** The ways from the account page to two-factor login and to the privacy page, in the member's language. */
export function AccountLinks() {
  const { t, locale } = useMessages();
  return (
    <p lang={locale}>
      <Link to="/account/two-factor">{t('mfa.page.link')}</Link> · <Link to="/privacy">{t('privacy.link')}</Link>
    </p>
  );
}
