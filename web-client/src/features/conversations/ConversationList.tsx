import { useQuery } from '@tanstack/react-query';
import { memo, useRef, useSyncExternalStore, type KeyboardEvent } from 'react';
import type { Presence, UUID } from '../../api/types.ts';
import { useChat } from '../../app/ChatContext.tsx';
import { qk } from '../../app/queryKeys.ts';
import { conversationPath, Link } from '../../app/router.tsx';
import { Avatar } from '../../ui/Avatar.tsx';
import { cn } from '../../ui/cn.ts';
import { formatListTime } from '../../ui/format.ts';
import { previewOf } from '../drafts/drafts.ts';
import { previewText } from '../attachments/summary.ts';
import { useDraftText } from '../drafts/useDraftText.ts';
import type { MessageWindow } from '../messages/window.ts';
import { otherMember, useConversationTitle, useMemberName, type ConversationSummary } from './queries.ts';
import { countUnread } from './readState.ts';

/**
 * The conversations, newest activity first. One tab stop (roving tabindex); Arrow keys, Home and End move
 * between conversations, Enter opens one.
 */
export function ConversationList({
  items,
  activeId,
  presence,
}: {
  items: ConversationSummary[];
  activeId: UUID | null;
  presence: Record<UUID, Presence>;
}) {
  const ref = useRef<HTMLUListElement>(null);
  const focusIndex = Math.max(0, items.findIndex((i) => i.conversation.id === activeId));

  function onKeyDown(e: KeyboardEvent<HTMLUListElement>) {
    const links = [...(ref.current?.querySelectorAll<HTMLAnchorElement>('a[data-conversation]') ?? [])];
    const current = links.indexOf(document.activeElement as HTMLAnchorElement);
    let next = -1;
    if (e.key === 'ArrowDown') next = Math.min(links.length - 1, current + 1);
    else if (e.key === 'ArrowUp') next = Math.max(0, current - 1);
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = links.length - 1;
    else return;
    e.preventDefault();
    const target = links[next];
    if (target) {
      for (const l of links) l.tabIndex = -1;
      target.tabIndex = 0;
      target.focus();
    }
  }

  return (
    <ul ref={ref} aria-label="Conversations" className="flex flex-col gap-0.5 px-2 pb-3" onKeyDown={onKeyDown}>
      {items.map((s, i) => (
        <ConversationItem
          key={s.conversation.id}
          summary={s}
          active={s.conversation.id === activeId}
          tabbable={i === focusIndex}
          presence={presence}
        />
      ))}
    </ul>
  );
}

const ConversationItem = memo(function ConversationItem({
  summary,
  active,
  tabbable,
  presence,
}: {
  summary: ConversationSummary;
  active: boolean;
  tabbable: boolean;
  presence: Record<UUID, Presence>;
}) {
  const { me, reads, drafts } = useChat();
  const { conversation: c, latest } = summary;
  // The open conversation's draft is in its composer; the others' show here instead of their last message.
  const draftText = useDraftText(drafts, c.id);
  const draft = active ? '' : previewOf(draftText);
  const title = useConversationTitle(c, me);
  const peer = c.type === 'DIRECT' ? otherMember(c, me) : undefined;
  const online = peer ? presence[peer.userId]?.status === 'ONLINE' : undefined;
  const readMap = useSyncExternalStore(reads.subscribe, reads.getSnapshot);
  const lastRead = readMap[c.id] ?? 0;
  const { data: unread } = useQuery({
    queryKey: qk.messages(c.id),
    enabled: false,
    select: (w: MessageWindow) => countUnread(w, latest, lastRead, me),
  });
  const local = active ? { count: 0, more: false, mentions: 0 } : (unread ?? countUnread(undefined, latest, lastRead, me));
  // The loaded messages may not reach back to the cursor: the server's counts (capped) are then the floor.
  const count = local.more ? Math.max(local.count, reads.serverCount(c.id)) : local.count;
  const mentioned = (local.more ? Math.max(local.mentions, reads.serverMentions(c.id)) : local.mentions) > 0;
  const markedUnread = !active && count === 0 && reads.isMarkedUnread(c.id);
  const senderMember = latest ? c.members.find((m) => m.userId === latest.senderId) : undefined;
  const senderName = useMemberName(latest && latest.senderId !== me && c.type === 'GROUP' ? senderMember ?? { userId: latest.senderId, displayName: null, username: null } : undefined);
  const preview = !latest
    ? c.type !== 'DIRECT' ? `${c.memberCount} members` : 'Say hello 👋'
    : latest.deletedAt
      ? 'Message deleted'
      : `${latest.senderId === me ? 'You: ' : c.type === 'GROUP' ? `${senderName.split(' ')[0]}: ` : ''}${previewText(latest)}`;
  const time = latest?.createdAt ?? c.createdAt;

  return (
    <li>
      <Link
        href={conversationPath(c.id)}
        data-conversation={c.id}
        data-unread={count > 0 ? count : undefined}
        aria-current={active ? 'page' : undefined}
        tabIndex={tabbable ? 0 : -1}
        className={cn(
          'group flex items-center gap-3 rounded-xl px-2.5 py-2.5 outline-none transition-colors',
          'focus-visible:outline-2 focus-visible:outline-offset-[-2px] focus-visible:outline-ring',
          active ? 'bg-accent' : 'hover:bg-muted',
        )}
      >
        <Avatar name={title || '?'} seed={peer?.userId ?? c.id} online={online} group={c.type !== 'DIRECT'} />
        <span className="min-w-0 flex-1">
          <span className="flex items-baseline justify-between gap-2">
            <span className={cn('truncate text-sm', count > 0 ? 'font-semibold' : 'font-medium')}>{title}</span>
            <time dateTime={time} className={cn('shrink-0 text-xs', count > 0 ? 'text-primary font-medium' : 'text-muted-foreground')}>
              {formatListTime(time)}
            </time>
          </span>
          <span className="mt-0.5 flex items-center justify-between gap-2">
            <span className={cn('truncate text-sm', count > 0 ? 'text-foreground' : 'text-muted-foreground')}>
              {online ? <span className="sr-only">Online. </span> : null}
              {draft ? (
                <span data-testid="draft-preview">
                  <span className="font-medium text-danger">Draft:</span> {draft}
                </span>
              ) : (
                preview
              )}
            </span>
            {mentioned ? (
              <span
                data-testid="mention-badge"
                className="inline-flex h-5 min-w-5 shrink-0 items-center justify-center rounded-full bg-primary px-1 text-[11px] font-bold text-primary-foreground"
              >
                @<span className="sr-only"> You were mentioned</span>
              </span>
            ) : null}
            {markedUnread ? (
              <span data-testid="unread-count" data-marked="true" className="mr-1.5 h-2.5 w-2.5 shrink-0 rounded-full bg-primary">
                <span className="sr-only">Marked unread</span>
              </span>
            ) : count > 0 ? (
              <span
                data-testid="unread-count"
                className="inline-flex h-5 min-w-5 shrink-0 items-center justify-center rounded-full bg-primary px-1.5 text-[11px] font-semibold text-primary-foreground"
              >
                {count >= 100 ? '99+' : count}
                <span className="sr-only"> unread {count === 1 ? 'message' : 'messages'}</span>
              </span>
            ) : null}
          </span>
        </span>
      </Link>
    </li>
  );
});
