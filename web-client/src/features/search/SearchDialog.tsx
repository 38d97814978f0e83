import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { humanMessage } from '../../api/http.ts';
import { messagesApi } from '../../api/messages.ts';
import type { Conversation, SearchHit } from '../../api/types.ts';
import { useChat } from '../../app/ChatContext.tsx';
import { qk } from '../../app/queryKeys.ts';
import { conversationPath, navigate } from '../../app/router.tsx';
import { Spinner } from '../../ui/Button.tsx';
import { Dialog } from '../../ui/Dialog.tsx';
import { formatFull } from '../../ui/format.ts';
import { Input } from '../../ui/Input.tsx';
import { titleOf, useDebounced } from '../conversations/queries.ts';
import { jump } from './jump.ts';
import { renderSnippet } from './snippet.tsx';

/** Full-text search over every conversation the user is in; a result opens its conversation at that message. */
export function SearchDialog({ open, onOpenChange }: { open: boolean; onOpenChange: (o: boolean) => void }) {
  const [query, setQuery] = useState('');
  const q = useDebounced(query.trim(), 250);
  const { me } = useChat();
  const queryClient = useQueryClient();
  const results = useQuery({
    queryKey: qk.search(q),
    queryFn: () => messagesApi.search(q),
    enabled: open && q.length > 0,
    placeholderData: keepPreviousData,
    staleTime: 10_000,
  });
  const conversations = queryClient.getQueryData<Conversation[]>(qk.conversations) ?? [];
  const titleFor = (id: string) => {
    const c = conversations.find((x) => x.id === id);
    return c ? titleOf(c, me) : 'a conversation';
  };

  function pick(hit: SearchHit) {
    jump.request(hit.message.conversationId, hit.message.seq);
    onOpenChange(false);
    setQuery('');
    navigate(conversationPath(hit.message.conversationId));
  }

  const items = q ? (results.data?.items ?? []) : [];
  return (
    <Dialog open={open} onOpenChange={onOpenChange} title="Search messages" description="Words, “exact phrases”, or -exclusions.">
      <div className="flex min-h-0 flex-1 flex-col">
        <div className="px-5 pb-3">
          <Input type="search" aria-label="Search messages" placeholder="Search messages" value={query} onChange={(e) => setQuery(e.target.value)} autoFocus />
        </div>
        <ul aria-label="Search results" className="min-h-32 flex-1 overflow-y-auto border-t border-border px-2 py-2">
          {!q ? (
            <li className="p-6 text-center text-sm text-muted-foreground">Type to search your conversations.</li>
          ) : results.isLoading ? (
            <li className="flex justify-center p-6">
              <Spinner className="h-5 w-5" label="Searching" />
            </li>
          ) : results.error ? (
            <li className="p-4 text-sm text-danger">{humanMessage(results.error)}</li>
          ) : items.length === 0 ? (
            <li className="p-6 text-center text-sm text-muted-foreground" role="status">
              Nothing found for “{q}”.
            </li>
          ) : (
            items.map((hit) => (
              <li key={hit.message.id}>
                <button
                  type="button"
                  data-testid="search-result"
                  onClick={() => pick(hit)}
                  className="flex w-full flex-col items-start gap-0.5 rounded-lg px-3 py-2 text-left hover:bg-muted focus-visible:outline-2 focus-visible:outline-ring cursor-pointer"
                >
                  <span className="text-xs text-muted-foreground">
                    {titleFor(hit.message.conversationId)} · {formatFull(hit.message.createdAt)}
                  </span>
                  <span className="text-sm [&_mark]:rounded [&_mark]:bg-accent [&_mark]:px-0.5 [&_mark]:text-accent-foreground">
                    {renderSnippet(hit.snippet)}
                  </span>
                </button>
              </li>
            ))
          )}
        </ul>
      </div>
    </Dialog>
  );
}
