import type { ReactNode } from 'react';
import { useServices, useSession } from '../AppContext.tsx';
import { logout } from '../api/auth.ts';
import { useMessages } from '../i18n/useMessages.ts';
import { Link, navigate, useLocation } from '../router.tsx';
import { NotificationBell } from './NotificationBell.tsx';
import { VisitorLanguagePicker } from './VisitorLanguagePicker.tsx';

const links = [
  { to: '/pocs', label: 'nav.pocs' },
  { to: '/dojos', label: 'nav.dojos' },
  { to: '/katas', label: 'nav.katas' },
  { to: '/analytics', label: 'nav.analytics' },
  { to: '/media', label: 'nav.media' },
  { to: '/members', label: 'nav.members' },
  { to: '/audit', label: 'nav.audit', admins: true },
  { to: '/deliveries', label: 'nav.deliveries', admins: true },
] as const;

/** Skip link, banner with navigation, and the main landmark every page renders into. */
export function Layout({ children }: { children: ReactNode }) {
  const session = useSession();
  const { api } = useServices();
  const { path } = useLocation();
  const { t } = useMessages();
  // The session ends locally at once and the login page opens; the revocation goes on behind it. Waiting for it
  // before navigating yanked back to the login page a visitor who had already moved on (to "Forgot your password?").
  const signOut = () => {
    void logout(api);
    navigate('/login');
  };
  return (
    <>
      <a className="skip-link" href="#main">
        {t('layout.skip')}
      </a>
      <header className="banner">
        <Link to={session ? '/pocs' : '/'} className="brand">
          PocDojo
        </Link>
        {session && (
          <nav aria-label={t('nav.main')}>
            <ul>
              {links
                .filter((link) => !('admins' in link) || session.user.role === 'owner' || session.user.role === 'admin')
                .map((link) => (
                  <li key={link.to}>
                    <Link to={link.to} aria-current={path.startsWith(link.to) ? 'page' : undefined}>
                      {t(link.label)}
                    </Link>
                  </li>
                ))}
            </ul>
          </nav>
        )}
        {!session && <VisitorLanguagePicker />}
        {session && (
          <div className="banner__user">
            <NotificationBell />
            <Link to="/account" aria-current={path === '/account' ? 'page' : undefined}>
              {session.user.name}
              {session.tenant?.name ? ` · ${session.tenant.name}` : ''}
            </Link>
            <button type="button" className="button button--ghost" onClick={signOut}>
              {t('nav.logout')}
            </button>
          </div>
        )}
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}
