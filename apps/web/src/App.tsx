import { lazy, Suspense, useEffect } from 'react';
import { useSession } from './AppContext.tsx';
import { ErrorBoundary } from './components/ErrorBoundary.tsx';
import { Layout } from './components/Layout.tsx';
import { loadDojoRoom } from './dojoRoomChunk.ts';
import { useMessages } from './i18n/useMessages.ts';
import { DojosPage } from './pages/DojosPage.tsx';
import { InvitationPage } from './pages/InvitationPage.tsx';
import { LandingPage } from './pages/LandingPage.tsx';
import { LoginPage } from './pages/LoginPage.tsx';
import { MediaPage } from './pages/MediaPage.tsx';
import { MembersPage } from './pages/MembersPage.tsx';
import {
  ForgotPasswordPage,
  ResetPasswordPage,
  UnlockLoginPage,
  VerifyEmailPage,
} from './pages/PasswordResetPages.tsx';
import { PocEditorPage } from './pages/PocEditorPage.tsx';
import { PocPage } from './pages/PocPage.tsx';
import { PocsPage } from './pages/PocsPage.tsx';
import { SignupPage } from './pages/SignupPage.tsx';
import { match, navigate, useLocation } from './router.tsx';

// Pages few people open stay out of the first load (its budget is 100 KB of compressed JavaScript).
const AccountPage = lazy(() => import('./pages/AccountPage.tsx').then((m) => ({ default: m.AccountPage })));
const AuditPage = lazy(() => import('./pages/AuditPage.tsx').then((m) => ({ default: m.AuditPage })));
const DeliveriesPage = lazy(() => import('./pages/DeliveriesPage.tsx').then((m) => ({ default: m.DeliveriesPage })));
const KatasPage = lazy(() => import('./pages/KatasPage.tsx').then((m) => ({ default: m.KatasPage })));
const NotificationSettingsPage = lazy(() =>
  import('./pages/NotificationSettingsPage.tsx').then((m) => ({ default: m.NotificationSettingsPage })),
);
const PrivacyPage = lazy(() => import('./pages/PrivacyPage.tsx').then((m) => ({ default: m.PrivacyPage })));
const TwoFactorPage = lazy(() => import('./pages/TwoFactorPage.tsx').then((m) => ({ default: m.TwoFactorPage })));
const AnalyticsPage = lazy(() => import('./pages/AnalyticsPage.tsx').then((m) => ({ default: m.AnalyticsPage })));
// The editor, Automerge's WASM and Colyseus load only when a dojo is opened.
const DojoRoomPage = lazy(() => loadDojoRoom().then((m) => ({ default: m.DojoRoomPage })));

const publicPaths = [
  '/',
  '/login',
  '/signup',
  '/forgot-password',
  '/reset-password',
  '/invite',
  '/verify-email',
  '/privacy',
  '/unlock-login',
];
/** Pages a link in an e-mail opens: reachable signed in or not. */
const linkPaths = ['/reset-password', '/invite', '/verify-email', '/privacy', '/unlock-login'];

function Routes({ path }: { path: string }) {
  return (
    <Suspense fallback={<Opening what="app.opening_page" />}>
      <Route path={path} />
    </Suspense>
  );
}

function Route({ path }: { path: string }) {
  if (path === '/') return <LandingPage />;
  if (path === '/login') return <LoginPage />;
  if (path === '/signup') return <SignupPage />;
  if (path === '/forgot-password') return <ForgotPasswordPage />;
  if (path === '/reset-password') return <ResetPasswordPage />;
  if (path === '/verify-email') return <VerifyEmailPage />;
  if (path === '/unlock-login') return <UnlockLoginPage />;
  if (path === '/invite') return <InvitationPage />;
  if (path === '/pocs') return <PocsPage />;
  if (path === '/pocs/new') return <PocEditorPage />;
  const editing = match('/pocs/:id/edit', path);
  if (editing) return <PocEditorPage key={editing.id} id={editing.id} />;
  const poc = match('/pocs/:id', path);
  if (poc) return <PocPage key={poc.id} id={poc.id} />;
  if (path === '/members') return <MembersPage />;
  if (path === '/dojos') return <DojosPage />;
  if (path === '/katas') return <KatasPage />;
  const dojo = match('/dojos/:id', path);
  if (dojo)
    return (
      <Suspense fallback={<Opening what="app.opening_dojo" />}>
        <DojoRoomPage key={dojo.id} dojoId={dojo.id} />
      </Suspense>
    );
  if (path === '/media') return <MediaPage />;
  if (path === '/analytics')
    return (
      <Suspense fallback={<Opening what="app.opening_analytics" />}>
        <AnalyticsPage />
      </Suspense>
    );
  if (path === '/account') return <AccountPage />;
  if (path === '/audit') return <AuditPage />;
  if (path === '/account/two-factor') return <TwoFactorPage />;
  if (path === '/privacy') return <PrivacyPage />;
  if (path === '/account/notifications') return <NotificationSettingsPage />;
  if (path === '/deliveries') return <DeliveriesPage />;
  return <NotFound path={path} />;
}

function Opening({ what }: { what: 'app.opening_page' | 'app.opening_dojo' | 'app.opening_analytics' }) {
  const { t } = useMessages();
  return <p aria-live="polite">{t(what)}</p>;
}

function NotFound({ path }: { path: string }) {
  const { t } = useMessages();
  return (
    <section>
      <h1>{t('app.not_found.title')}</h1>
      <p>{t('app.not_found.text', { path })}</p>
    </section>
  );
}

export function App() {
  const session = useSession();
  const { path } = useLocation();
  const isPublic = publicPaths.includes(path);
  useEffect(() => {
    if (!session && !isPublic) navigate(`/login`, { replace: true });
    else if (session && isPublic && !linkPaths.includes(path)) navigate('/pocs', { replace: true });
  }, [session, isPublic, path]);
  // Move focus to the new page for keyboard and screen-reader users.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on every route change on purpose
  useEffect(() => {
    const heading = document.querySelector<HTMLElement>('main h1');
    if (heading && document.activeElement === document.body) {
      heading.tabIndex = -1;
      heading.focus({ preventScroll: true });
    }
    document.title = heading?.textContent ? `${heading.textContent} · PocDojo` : 'PocDojo';
  }, [path]);
  if (!session && !isPublic) return <Layout>{null}</Layout>;
  return (
    <Layout>
      <ErrorBoundary key={path}>
        <Routes path={path} />
      </ErrorBoundary>
    </Layout>
  );
}
