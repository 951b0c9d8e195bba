import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { LoginResult, SessionUser } from '../../../electron/contract/auth';
import { call, onSessionExpired, setSessionToken } from '../api/client';

type AuthState = { phase: 'loading' } | { phase: 'error'; message: string } | { phase: 'setup' } | { phase: 'login'; expired?: boolean } | { phase: 'ready'; user: SessionUser };

interface AuthApi {
  state: AuthState;
  signedIn: (result: LoginResult) => void;
  logout: () => Promise<void>;
}

const AuthContext = createContext<AuthApi | null>(null);

/** Who is logged in: decides between first-run setup, the login screen and the app. */
export function AuthProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<AuthState>({ phase: 'loading' });
  const queryClient = useQueryClient();

  useEffect(() => {
    call('auth.status', {})
      .then((status) => setState(status.needsSetup ? { phase: 'setup' } : status.user ? { phase: 'ready', user: status.user } : { phase: 'login' }))
      .catch((error: Error) => setState({ phase: 'error', message: error.message }));
    return onSessionExpired(() => {
      queryClient.clear();
      setState({ phase: 'login', expired: true });
    });
  }, [queryClient]);

  const signedIn = useCallback((result: LoginResult) => {
    setSessionToken(result.token);
    setState({ phase: 'ready', user: result.user });
  }, []);

  const logout = useCallback(async () => {
    await call('auth.logout', {}).catch(() => undefined);
    setSessionToken(null);
    queryClient.clear();
    setState({ phase: 'login' });
  }, [queryClient]);

  return <AuthContext.Provider value={{ state, signedIn, logout }}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthApi {
  const api = useContext(AuthContext);
  if (!api) throw new Error('useAuth outside AuthProvider');
  return api;
}

/** The logged-in user (only inside the app shell). */
export function useCurrentUser(): SessionUser {
  const { state } = useAuth();
  if (state.phase !== 'ready') throw new Error('useCurrentUser without a session');
  return state.user;
}
