import { useSyncExternalStore } from 'react';
import { authApi } from '../../api/auth.ts';
import { setAuthProvider } from '../../api/http.ts';
import { createSessionManager, type StoredSession } from './session.ts';

/** The browser's one session manager, wired to localStorage, Web Locks and the http client. */
export const session = createSessionManager({
  storage: window.localStorage,
  locks: (typeof navigator !== 'undefined' && 'locks' in navigator ? navigator.locks : null) as never,
  refreshCall: (refreshToken) => authApi.refresh(refreshToken),
});

window.addEventListener('storage', (e) => session.onStorage(e));

setAuthProvider({
  getAccessToken: () => session.getAccessToken(),
  refresh: (stale) => session.refresh(stale),
  onUnauthorized: () => session.signOut('expired'),
});

session.setScheduling(true);

export function useSession(): StoredSession | null {
  return useSyncExternalStore(session.subscribe, session.get, session.get);
}
