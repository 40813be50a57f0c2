import { Component, type ErrorInfo, type ReactNode } from 'react';
import { useMessages } from '../i18n/useMessages.ts';

/** Keeps one broken page from blanking the whole app; offers a reload. */
export class ErrorBoundary extends Component<{ children: ReactNode }, { error: Error | null }> {
  override state: { error: Error | null } = { error: null };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo) {
    console.error('page failed', error, info.componentStack);
  }

  override render() {
    if (!this.state.error) return this.props.children;
    return <PageFailed message={this.state.error.message} />;
  }
}

function PageFailed({ message }: { message: string }) {
  const { t } = useMessages();
  return (
    <div className="alert alert--error" role="alert">
      <p>{t('problem.page_failed', { message })}</p>
      <button type="button" className="button button--ghost" onClick={() => window.location.reload()}>
        {t('problem.reload')}
      </button>
    </div>
  );
}
