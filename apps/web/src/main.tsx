import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { AppProvider, createServices } from './AppContext.tsx';
import { runtimeConfig } from './config.ts';
import { startErrorReporting } from './error-reporting.ts';
import { LocaleProvider } from './i18n/LocaleProvider.tsx';
import './styles.css';
import './analytics.css';

const root = createRoot(document.getElementById('root')!);
try {
  const config = runtimeConfig();
  void startErrorReporting(config);
  const services = createServices(config);
  root.render(
    <StrictMode>
      <AppProvider services={services}>
        <LocaleProvider>
          <App />
        </LocaleProvider>
      </AppProvider>
    </StrictMode>,
  );
} catch (error) {
  root.render(
    <main>
      <h1>PocDojo cannot start · O PocDojo não pôde iniciar</h1>
      <p role="alert">{error instanceof Error ? error.message : String(error)}</p>
    </main>,
  );
}
