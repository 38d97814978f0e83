import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { conversationsApi } from '../../api/conversations.ts';
import { humanMessage } from '../../api/http.ts';
import type { Conversation, User } from '../../api/types.ts';
import { useChat } from '../../app/ChatContext.tsx';
import { qk } from '../../app/queryKeys.ts';
import { conversationPath, navigate } from '../../app/router.tsx';
import { Dialog } from '../../ui/Dialog.tsx';
import { useUserSearch } from './queries.ts';
import { UserResults, UserSearchInput } from './UserResults.tsx';

/** Adds a conversation to the list cache at once (the refetch confirms it). */
export function rememberConversation(queryClient: ReturnType<typeof useQueryClient>, c: Conversation) {
  queryClient.setQueryData(qk.conversation(c.id), c);
  queryClient.setQueryData<Conversation[]>(qk.conversations, (prev) =>
    prev ? (prev.some((p) => p.id === c.id) ? prev : [c, ...prev]) : [c],
  );
  void queryClient.invalidateQueries({ queryKey: qk.conversations });
}

export function NewMessageDialog({ open, onOpenChange }: { open: boolean; onOpenChange: (o: boolean) => void }) {
  const [query, setQuery] = useState('');
  const [busyId, setBusyId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const search = useUserSearch(query);
  const queryClient = useQueryClient();
  const { engine } = useChat();

  async function pick(u: User) {
    setBusyId(u.userId);
    setError(null);
    try {
      const c = await conversationsApi.openDirect(u.userId);
      rememberConversation(queryClient, c);
      engine.holdIfNew(c.id, null);
      onOpenChange(false);
      setQuery('');
      navigate(conversationPath(c.id));
    } catch (e) {
      setError(humanMessage(e));
    } finally {
      setBusyId(null);
    }
  }

  return (
    <Dialog open={open} onOpenChange={onOpenChange} title="New message" description="Find someone by their username.">
      <div className="px-5 pb-3">
        <UserSearchInput aria-label="Search people" value={query} onQuery={setQuery} autoFocus />
        {error ? (
          <p role="alert" className="mt-2 text-sm text-danger">
            {error}
          </p>
        ) : null}
      </div>
      <div className="min-h-0 flex-1 overflow-y-auto">
        <UserResults
          query={query}
          users={search.users}
          settled={search.settled}
          isFetching={search.isFetching}
          error={search.error}
          onPick={pick}
          busyId={busyId}
        />
      </div>
    </Dialog>
  );
}
