import { useEffect } from 'react';
import { ConnectionBanner } from '../features/connection/ConnectionBanner.tsx';
import { Sidebar } from '../features/conversations/Sidebar.tsx';
import { JoinLinkPage } from '../features/invitations/JoinLinkPage.tsx';
import { ConversationView } from '../features/messages/ConversationView.tsx';
import { cn } from '../ui/cn.ts';
import { ChatIcon } from '../ui/icons.tsx';
import { goneNotice, useGoneNotice } from '../features/conversations/goneNotice.ts';

/** The signed-in layout: list + conversation side by side; under 768 px one or the other. */
export function AppShell({ conversationId, joinCode = null }: { conversationId: string | null; joinCode?: string | null }) {
  const focused = conversationId ?? joinCode;
  useEffect(() => {
    if (conversationId) goneNotice.set(null);
  }, [conversationId]);
  useEffect(() => {
    document.title = 'Chat';
  }, []);
  return (
    <div className="flex h-dvh flex-col">
      <ConnectionBanner />
      <div className="flex min-h-0 flex-1">
        <Sidebar
          activeId={conversationId}
          className={cn('w-full md:w-[340px] md:shrink-0 lg:w-[380px]', focused ? 'hidden md:flex' : 'flex')}
        />
        <main className={cn('min-w-0 flex-1 flex-col bg-background', focused ? 'flex' : 'hidden md:flex')}>
          {conversationId ? (
            <ConversationView key={conversationId} conversationId={conversationId} />
          ) : joinCode ? (
            <JoinLinkPage key={joinCode} code={joinCode} />
          ) : (
            <EmptyState />
          )}
        </main>
      </div>
    </div>
  );
}

function EmptyState() {
  const gone = useGoneNotice();
  return (
    <div className="flex flex-1 flex-col items-center justify-center gap-3 p-8 text-center">
      {gone ? (
        <p role="status" className="rounded-lg bg-muted px-3 py-2 text-sm">
          {gone}
        </p>
      ) : null}
      <span className="inline-flex h-14 w-14 items-center justify-center rounded-2xl bg-accent text-accent-foreground">
        <ChatIcon className="h-7 w-7" />
      </span>
      <h1 className="text-lg font-semibold">Pick a conversation</h1>
      <p className="max-w-xs text-sm text-muted-foreground">
        Choose one from the list, or start a new message or group with the buttons at the top.
      </p>
    </div>
  );
}
