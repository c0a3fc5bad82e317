import { useQueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useSyncExternalStore } from 'react';

import { isLoginRequired, setLoginRequired, subscribeAuth } from '../api';
import { LoginScreen } from '../components/LoginScreen';

/** Shows the login screen instead of the app while the API answers 401. */
export function AuthGate({ children }: { children: ReactNode }) {
  const required = useSyncExternalStore(subscribeAuth, isLoginRequired);
  const queryClient = useQueryClient();
  if (!required) return <>{children}</>;
  return (
    <LoginScreen
      onLoggedIn={() => {
        setLoginRequired(false);
        void queryClient.invalidateQueries();
      }}
    />
  );
}
