import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { channelsApi, conversationsApi } from '../../api/conversations.ts';
import { humanMessage } from '../../api/http.ts';
import type { ChannelSummary } from '../../api/types.ts';
import { useChat } from '../../app/ChatContext.tsx';
import { qk } from '../../app/queryKeys.ts';
import { conversationPath, navigate } from '../../app/router.tsx';
import { Button, Spinner } from '../../ui/Button.tsx';
import { Dialog } from '../../ui/Dialog.tsx';
import { Input } from '../../ui/Input.tsx';
import { rememberConversation } from '../conversations/NewMessageDialog.tsx';
import { useDebounced } from '../conversations/queries.ts';

/** The public channel directory: search by name, join, or open one already joined. */
export function BrowseChannelsDialog({
  open,
  onOpenChange,
  onCreate,
}: {
  open: boolean;
  onOpenChange: (o: boolean) => void;
  onCreate: () => void;
}) {
  const [query, setQuery] = useState('');
  const q = useDebounced(query.trim(), 200);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const queryClient = useQueryClient();
  const { engine } = useChat();
  const channels = useQuery({
    queryKey: qk.channelSearch(q),
    queryFn: () => channelsApi.search(q),
    enabled: open,
    placeholderData: keepPreviousData,
    staleTime: 10_000,
  });

  function close() {
    onOpenChange(false);
    setQuery('');
    setError(null);
  }

  async function join(c: ChannelSummary) {
    if (c.joined) {
      close();
      navigate(conversationPath(c.id));
      return;
    }
    setBusy(c.id);
    setError(null);
    try {
      const conversation = await conversationsApi.join(c.id);
      rememberConversation(queryClient, conversation);
      engine.hold(conversation.id, 0);
      void queryClient.invalidateQueries({ queryKey: ['channelSearch'] });
      close();
      navigate(conversationPath(conversation.id));
    } catch (err) {
      setError(humanMessage(err));
    } finally {
      setBusy(null);
    }
  }

  const items = channels.data?.items ?? [];
  return (
    <Dialog open={open} onOpenChange={(o) => (o ? onOpenChange(o) : close())} title="Browse channels" description="Public channels anyone can join.">
      <div className="flex min-h-0 flex-1 flex-col">
        <div className="flex gap-2 px-5 pb-3">
          <Input type="search" aria-label="Search channels" placeholder="Search channels" value={query} onChange={(e) => setQuery(e.target.value)} autoFocus />
          <Button
            variant="secondary"
            onClick={() => {
              close();
              onCreate();
            }}
          >
            New channel
          </Button>
        </div>
        {error ? (
          <p role="alert" className="mx-5 mb-2 rounded-lg bg-danger-soft px-3 py-2 text-sm text-danger">
            {error}
          </p>
        ) : null}
        <ul aria-label="Channels" className="min-h-40 flex-1 overflow-y-auto border-t border-border px-2 py-2">
          {channels.isLoading ? (
            <li className="flex justify-center p-6">
              <Spinner className="h-5 w-5" label="Loading channels" />
            </li>
          ) : channels.error ? (
            <li className="p-4 text-sm text-danger">{humanMessage(channels.error)}</li>
          ) : items.length === 0 ? (
            <li className="p-6 text-center text-sm text-muted-foreground" role="status">
              {q ? `No public channel matches “${q}”.` : 'No public channels yet.'}
            </li>
          ) : (
            items.map((c) => (
              <li key={c.id} className="flex items-center gap-3 rounded-lg px-3 py-2 hover:bg-muted/60" data-testid="channel">
                <div className="min-w-0 flex-1">
                  <p className="truncate text-sm font-medium"># {c.name}</p>
                  <p className="truncate text-xs text-muted-foreground">
                    {c.memberCount} {c.memberCount === 1 ? 'member' : 'members'}
                    {c.description ? ` · ${c.description}` : ''}
                  </p>
                </div>
                <Button size="sm" variant={c.joined ? 'secondary' : 'primary'} loading={busy === c.id} onClick={() => void join(c)} aria-label={`${c.joined ? 'Open' : 'Join'} ${c.name}`}>
                  {c.joined ? 'Open' : 'Join'}
                </Button>
              </li>
            ))
          )}
        </ul>
      </div>
    </Dialog>
  );
}
