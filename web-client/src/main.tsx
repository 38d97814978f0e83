import { QueryClient } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { isApiError } from './api/http.ts';
import { App } from './app/App.tsx';
import { applyTheme } from './features/theme/theme.ts';
import './index.css';

applyTheme();

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      retry: (count, err) => {
        if (isApiError(err) && err.status >= 400 && err.status < 500 && err.status !== 429) return false;
        return count < 3;
      },
      retryDelay: (attempt, err) =>
        isApiError(err) && err.retryAfter != null ? err.retryAfter * 1000 : Math.min(1000 * 2 ** attempt, 15_000),
      refetchOnWindowFocus: true,
    },
  },
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App queryClient={queryClient} />
  </StrictMode>,
);
