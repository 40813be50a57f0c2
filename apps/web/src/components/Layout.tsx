import type { ReactNode } from 'react';
import { useServices, useSession } from '../AppContext.tsx';
import { logout } from '../api/auth.ts';
import { Link, navigate, useLocation } from '../router.tsx';
import { NotificationBell } from './NotificationBell.tsx';

const links = [
  { to: '/pocs', label: 'POCs' },
  { to: '/dojos', label: 'Dojos' },
  { to: '/katas', label: 'Katas' },
  { to: '/analytics', label: 'Analytics' },
  { to: '/media', label: 'Reports & videos' },
  { to: '/members', label: 'Members' },
  { to: '/audit', label: 'Audit log', admins: true },
  { to: '/deliveries', label: 'Delivery status', admins: true },
];

/** Skip link, banner with navigation, and the main landmark every page renders into. */
export function Layout({ children }: { children: ReactNode }) {
  const session = useSession();
  const { api } = useServices();
  const { path } = useLocation();
  const signOut = async () => {
    await logout(api);
    navigate('/login');
  };
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="banner">
        <Link to={session ? '/pocs' : '/'} className="brand">
          PocDojo
        </Link>
        {session && (
          <nav aria-label="Main">
            <ul>
              {links
                .filter((link) => !link.admins || session.user.role === 'owner' || session.user.role === 'admin')
                .map((link) => (
                  <li key={link.to}>
                    <Link to={link.to} aria-current={path.startsWith(link.to) ? 'page' : undefined}>
                      {link.label}
                    </Link>
                  </li>
                ))}
            </ul>
          </nav>
        )}
        {session && (
          <div className="banner__user">
            <NotificationBell />
            <Link to="/account" aria-current={path === '/account' ? 'page' : undefined}>
              {session.user.name}
              {session.tenant?.name ? ` · ${session.tenant.name}` : ''}
            </Link>
            <button type="button" className="button button--ghost" onClick={signOut}>
              Log out
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
