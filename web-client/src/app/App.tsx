import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { LoginPage } from '../features/auth/LoginPage.tsx';
import { RegisterPage } from '../features/auth/RegisterPage.tsx';
import { session, useSession } from '../features/auth/sessionStore.ts';
import { TooltipProvider } from '../ui/Tooltip.tsx';
import { AppShell } from './AppShell.tsx';
import { ChatContext } from './ChatContext.tsx';
import { createChatClient, type ChatClient } from './chatClient.ts';
import { navigate, useRoute } from './router.tsx';

const NEXT_KEY = 'chat.next';

export function App({ queryClient }: { queryClient: QueryClient }) {
  return (
    <QueryClientProvider client={queryClient}>
      <TooltipProvider delayDuration={400}>
        <Routes queryClient={queryClient} />
      </TooltipProvider>
    </QueryClientProvider>
  );
}

function Routes({ queryClient }: { queryClient: QueryClient }) {
  const route = useRoute();
  const current = useSession();
  const userId = current?.userId ?? null;

  useEffect(() => {
    if (!userId && route.name !== 'login' && route.name !== 'register') {
      // come back here after signing in
      if (route.name === 'conversation' || route.name === 'join') sessionStorage.setItem(NEXT_KEY, window.location.pathname);
      navigate('/login', { replace: true });
    }
    if (userId && (route.name === 'login' || route.name === 'register' || route.name === 'notFound')) {
      const next = sessionStorage.getItem(NEXT_KEY);
      sessionStorage.removeItem(NEXT_KEY);
      navigate(next && (next.startsWith('/c/') || next.startsWith('/join/')) ? next : '/', { replace: true });
    }
  }, [userId, route.name]);

  if (!userId) {
    if (route.name === 'register') return <RegisterPage />;
    return <LoginPage notice={session.lastEnd === 'expired' ? 'Your session ended. Please sign in again.' : null} />;
  }
  return (
    <SignedIn
      key={userId}
      userId={userId}
      queryClient={queryClient}
      conversationId={route.name === 'conversation' ? route.conversationId : null}
      joinCode={route.name === 'join' ? route.code : null}
    />
  );
}

function SignedIn({
  userId,
  queryClient,
  conversationId,
  joinCode,
}: {
  userId: string;
  queryClient: QueryClient;
  conversationId: string | null;
  joinCode: string | null;
}) {
  const [client, setClient] = useState<ChatClient | null>(null);
  useEffect(() => {
    const c = createChatClient(queryClient, session, userId);
    c.start();
    setClient(c);
    return () => {
      c.dispose();
      queryClient.clear();
    };
  }, [queryClient, userId]);
  if (!client) return null;
  return (
    <ChatContext.Provider value={client}>
      <AppShell conversationId={conversationId} joinCode={joinCode} />
    </ChatContext.Provider>
  );
}
