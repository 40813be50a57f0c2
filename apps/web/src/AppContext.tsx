import { createContext, type ReactNode, useContext, useSyncExternalStore } from 'react';
import { ApiClient } from './api/ApiClient.ts';
import type { Session } from './api/SessionStore.ts';
import { SessionStore } from './api/SessionStore.ts';
import type { RuntimeConfig } from './config.ts';

export interface AppServices {
  config: RuntimeConfig;
  api: ApiClient;
  store: SessionStore;
}

const Context = createContext<AppServices | null>(null);

export function createServices(config: RuntimeConfig): AppServices {
  const store = new SessionStore();
  return { config, store, api: new ApiClient(config.apiUrl, store) };
}

export function AppProvider({ services, children }: { services: AppServices; children: ReactNode }) {
  return <Context.Provider value={services}>{children}</Context.Provider>;
}

export function useServices(): AppServices {
  const services = useContext(Context);
  if (!services) throw new Error('useServices outside AppProvider');
  return services;
}

export function useSession(): Session | null {
  const { store } = useServices();
  return useSyncExternalStore(store.subscribe, store.get);
}
