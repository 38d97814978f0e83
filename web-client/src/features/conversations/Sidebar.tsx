import { useMemo, useState } from 'react';
import type { UUID } from '../../api/types.ts';
import { humanMessage } from '../../api/http.ts';
import { useChat } from '../../app/ChatContext.tsx';
import { Button, Spinner } from '../../ui/Button.tsx';
import { cn } from '../../ui/cn.ts';
import { Input } from '../../ui/Input.tsx';
import { EditIcon, HashIcon, SearchIcon, UsersIcon } from '../../ui/icons.tsx';
import { Tooltip } from '../../ui/Tooltip.tsx';
import { UserMenu } from '../auth/UserMenu.tsx';
import { BrowseChannelsDialog } from '../channels/BrowseChannelsDialog.tsx';
import { NewChannelDialog } from '../channels/NewChannelDialog.tsx';
import { InvitationsList } from '../invitations/InvitationsList.tsx';
import { SearchDialog } from '../search/SearchDialog.tsx';
import { usePresence } from '../presence/usePresence.ts';
import { ThemeToggle } from '../theme/ThemeToggle.tsx';
import { ConversationList } from './ConversationList.tsx';
import { NewGroupDialog } from './NewGroupDialog.tsx';
import { NewMessageDialog } from './NewMessageDialog.tsx';
import { otherMember, titleOf, useSortedConversations } from './queries.ts';

export function Sidebar({ activeId, className }: { activeId: UUID | null; className?: string }) {
  const { me } = useChat();
  const { items, isLoading, error, refetch } = useSortedConversations();
  const [filter, setFilter] = useState('');
  const [dmOpen, setDmOpen] = useState(false);
  const [groupOpen, setGroupOpen] = useState(false);
  const [browseOpen, setBrowseOpen] = useState(false);
  const [channelOpen, setChannelOpen] = useState(false);
  const [searchOpen, setSearchOpen] = useState(false);

  const filtered = useMemo(() => {
    const f = filter.trim().toLowerCase();
    if (!f) return items;
    return items.filter(({ conversation: c }) =>
      titleOf(c, me).toLowerCase().includes(f) ||
      c.members.some((m) => m.userId !== me && ((m.username ?? '').toLowerCase().includes(f) || (m.displayName ?? '').toLowerCase().includes(f))),
    );
  }, [items, filter, me]);

  const dmPeers = useMemo(
    () => items.filter((s) => s.conversation.type === 'DIRECT').slice(0, 100).map((s) => otherMember(s.conversation, me)?.userId).filter((x): x is string => !!x),
    [items, me],
  );
  const presence = usePresence(dmPeers);

  return (
    <aside aria-label="Chats" className={cn('flex min-h-0 flex-col border-r border-border bg-surface', className)}>
      <div className="flex items-center justify-between gap-2 px-3 pt-3 pb-2">
        <UserMenu />
        <div className="flex items-center gap-0.5">
          <ThemeToggle />
          <Tooltip label="New message">
            <button
              type="button"
              aria-label="New message"
              onClick={() => setDmOpen(true)}
              className="inline-flex h-9 w-9 items-center justify-center rounded-lg text-muted-foreground hover:bg-muted hover:text-foreground focus-visible:outline-2 focus-visible:outline-ring cursor-pointer"
            >
              <EditIcon className="h-5 w-5" />
            </button>
          </Tooltip>
          <Tooltip label="New group">
            <button
              type="button"
              aria-label="New group"
              onClick={() => setGroupOpen(true)}
              className="inline-flex h-9 w-9 items-center justify-center rounded-lg text-muted-foreground hover:bg-muted hover:text-foreground focus-visible:outline-2 focus-visible:outline-ring cursor-pointer"
            >
              <UsersIcon className="h-5 w-5" />
            </button>
          </Tooltip>
          <Tooltip label="Search messages">
            <button
              type="button"
              aria-label="Search messages"
              onClick={() => setSearchOpen(true)}
              className="inline-flex h-9 w-9 items-center justify-center rounded-lg text-muted-foreground hover:bg-muted hover:text-foreground focus-visible:outline-2 focus-visible:outline-ring cursor-pointer"
            >
              <SearchIcon className="h-5 w-5" />
            </button>
          </Tooltip>
          <Tooltip label="Channels">
            <button
              type="button"
              aria-label="Channels"
              onClick={() => setBrowseOpen(true)}
              className="inline-flex h-9 w-9 items-center justify-center rounded-lg text-muted-foreground hover:bg-muted hover:text-foreground focus-visible:outline-2 focus-visible:outline-ring cursor-pointer"
            >
              <HashIcon className="h-5 w-5" />
            </button>
          </Tooltip>
        </div>
      </div>
      <div className="px-3 pb-2">
        <div className="relative">
          <SearchIcon className="pointer-events-none absolute left-3 top-1/2 h-4 w-4 -translate-y-1/2 text-muted-foreground" />
          <Input
            type="search"
            aria-label="Filter conversations"
            placeholder="Filter conversations"
            value={filter}
            onChange={(e) => setFilter(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Escape') setFilter('');
              if (e.key === 'ArrowDown') {
                e.preventDefault();
                document.querySelector<HTMLAnchorElement>('a[data-conversation][tabindex="0"]')?.focus();
              }
            }}
            className="pl-9 bg-muted border-transparent"
          />
        </div>
      </div>
      <InvitationsList />
      <div className="min-h-0 flex-1 overflow-y-auto">
        {isLoading ? (
          <div className="flex justify-center py-10 text-muted-foreground">
            <Spinner label="Loading conversations" />
          </div>
        ) : error && items.length === 0 ? (
          <div role="alert" className="m-3 rounded-xl border border-danger/30 bg-danger-soft p-3 text-sm text-danger">
            {humanMessage(error)}
            <Button variant="link" size="sm" onClick={refetch} className="ml-2">
              Try again
            </Button>
          </div>
        ) : items.length === 0 ? (
          <div className="px-6 py-10 text-center">
            <p className="text-sm font-medium">No conversations yet</p>
            <p className="mt-1 text-sm text-muted-foreground">Start one with someone you know.</p>
            <div className="mt-4 flex justify-center gap-2">
              <Button size="sm" onClick={() => setDmOpen(true)}>
                Start a chat
              </Button>
              <Button size="sm" variant="secondary" onClick={() => setGroupOpen(true)}>
                Create a group
              </Button>
            </div>
          </div>
        ) : filtered.length === 0 ? (
          <p className="px-6 py-10 text-center text-sm text-muted-foreground" role="status">
            No conversations match “{filter.trim()}”.
          </p>
        ) : (
          <ConversationList items={filtered} activeId={activeId} presence={presence} />
        )}
      </div>
      <NewMessageDialog open={dmOpen} onOpenChange={setDmOpen} />
      <NewGroupDialog open={groupOpen} onOpenChange={setGroupOpen} />
      <BrowseChannelsDialog open={browseOpen} onOpenChange={setBrowseOpen} onCreate={() => setChannelOpen(true)} />
      <NewChannelDialog open={channelOpen} onOpenChange={setChannelOpen} />
      <SearchDialog open={searchOpen} onOpenChange={setSearchOpen} />
    </aside>
  );
}
