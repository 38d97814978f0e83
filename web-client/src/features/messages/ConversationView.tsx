import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { humanMessage, isApiError } from '../../api/http.ts';
import type { Attachment, Conversation, Message, UUID } from '../../api/types.ts';
import { useChat } from '../../app/ChatContext.tsx';
import { Link } from '../../app/router.tsx';
import { Avatar } from '../../ui/Avatar.tsx';
import { Button, Spinner } from '../../ui/Button.tsx';
import { formatLastSeen } from '../../ui/format.ts';
import { ArrowLeftIcon, FileIcon, PinIcon, SettingsIcon, UserPlusIcon, UsersIcon } from '../../ui/icons.tsx';
import { FilesDialog } from '../attachments/FilesDialog.tsx';
import { myRole, SettingsDialog } from '../channels/SettingsDialog.tsx';
import { InviteDialog } from '../invitations/InviteDialog.tsx';
import { otherMember, useConversation, useConversationTitle } from '../conversations/queries.ts';
import { MembersDialog, useMembers } from '../members/MembersDialog.tsx';
import { outranks } from '../members/permissions.ts';
import { usePresence } from '../presence/usePresence.ts';
import { messagesApi } from '../../api/messages.ts';
import { Composer, dragHasFiles, type ComposerHandle } from './Composer.tsx';
import { previewText } from '../attachments/summary.ts';
import { ScheduledBar } from '../schedule/ScheduledBar.tsx';
import { DeleteMessageDialog, EditHistoryDialog, PinnedDialog } from './MessageActions.tsx';
import { jump } from '../search/jump.ts';
import { ReadByDialog } from '../receipts/ReadByDialog.tsx';
import { ThreadPanel } from '../threads/ThreadPanel.tsx';
import type { Mentionable } from '../mentions/mentions.ts';
import { tickOf } from '../receipts/cursors.ts';
import type { RowActions } from './MessageRow.tsx';
import { MessageList, type MessageListHandle } from './MessageList.tsx';
import { forConversation, pendingNotConfirmed } from './outbox.ts';
import { buildRows } from './rows.ts';
import { useMessageWindow } from './useMessageWindow.ts';

function useDocumentActive(): boolean {
  const subscribe = (cb: () => void) => {
    document.addEventListener('visibilitychange', cb);
    window.addEventListener('focus', cb);
    window.addEventListener('blur', cb);
    return () => {
      document.removeEventListener('visibilitychange', cb);
      window.removeEventListener('focus', cb);
      window.removeEventListener('blur', cb);
    };
  };
  return useSyncExternalStore(subscribe, () => document.visibilityState === 'visible');
}

export function ConversationView({ conversationId }: { conversationId: UUID }) {
  const { data: conversation, error, isLoading } = useConversation(conversationId);
  if (error && !conversation) {
    const notFound = isApiError(error) && (error.status === 404 || error.status === 403);
    return (
      <CenterMessage
        title={notFound ? 'Conversation not found' : 'Could not open this conversation'}
        detail={notFound ? 'It does not exist, or you are not a member.' : humanMessage(error)}
      />
    );
  }
  if (isLoading || !conversation) {
    return (
      <div className="flex flex-1 items-center justify-center text-muted-foreground">
        <Spinner label="Loading conversation" />
      </div>
    );
  }
  return <OpenConversation conversation={conversation} />;
}

function CenterMessage({ title, detail }: { title: string; detail: string }) {
  return (
    <div className="flex flex-1 flex-col items-center justify-center gap-2 p-8 text-center">
      <BackLink />
      <p className="text-base font-semibold">{title}</p>
      <p className="max-w-sm text-sm text-muted-foreground">{detail}</p>
    </div>
  );
}

function BackLink() {
  return (
    <Link
      href="/"
      aria-label="Back to conversations"
      className="inline-flex h-9 w-9 items-center justify-center rounded-lg hover:bg-muted md:hidden focus-visible:outline-2 focus-visible:outline-ring"
    >
      <ArrowLeftIcon className="h-5 w-5" />
    </Link>
  );
}

function Header({ conversation, nameOf }: { conversation: Conversation; nameOf: (userId: string) => string }) {
  const { me } = useChat();
  const [membersOpen, setMembersOpen] = useState(false);
  const [inviteOpen, setInviteOpen] = useState(false);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const [pinsOpen, setPinsOpen] = useState(false);
  const [filesOpen, setFilesOpen] = useState(false);
  const role = myRole(conversation, me);
  const title = useConversationTitle(conversation, me);
  const peer = conversation.type === 'DIRECT' ? otherMember(conversation, me) : undefined;
  const presence = usePresence(peer ? [peer.userId] : []);
  const p = peer ? presence[peer.userId] : undefined;
  const subtitle = peer
    ? p
      ? p.status === 'ONLINE' ? 'Online' : formatLastSeen(p.lastSeenAt)
      : peer.username ? `@${peer.username}` : ''
    : conversation.topic || `${conversation.memberCount} ${conversation.memberCount === 1 ? 'member' : 'members'}`;
  return (
    <header className="flex items-center gap-3 border-b border-border bg-background/95 px-3 py-2.5 backdrop-blur sm:px-5">
      <BackLink />
      <Avatar name={title || '?'} seed={peer?.userId ?? conversation.id} online={peer ? p?.status === 'ONLINE' : undefined} group={conversation.type !== 'DIRECT'} />
      <div className="min-w-0">
        <h1 className="truncate text-base font-semibold leading-tight">{title}</h1>
        <p className="truncate text-xs text-muted-foreground" data-testid="conversation-subtitle">
          {subtitle}
        </p>
      </div>
      <div className="ml-auto flex items-center gap-0.5">
        {conversation.type !== 'DIRECT' && (role === 'OWNER' || role === 'ADMIN') ? (
          <>
            <Button variant="ghost" size="icon" aria-label="Invite people" onClick={() => setInviteOpen(true)}>
              <UserPlusIcon className="h-5 w-5" />
            </Button>
            <InviteDialog conversation={conversation} open={inviteOpen} onOpenChange={setInviteOpen} />
          </>
        ) : null}
        {conversation.type !== 'DIRECT' ? (
          <>
            <Button variant="ghost" size="icon" aria-label="Members" onClick={() => setMembersOpen(true)}>
              <UsersIcon className="h-5 w-5" />
            </Button>
            <MembersDialog conversation={conversation} open={membersOpen} onOpenChange={setMembersOpen} />
          </>
        ) : null}
        <Button variant="ghost" size="icon" aria-label="Pinned messages" onClick={() => setPinsOpen(true)}>
          <PinIcon className="h-5 w-5" />
        </Button>
        {pinsOpen ? <PinnedDialog conversationId={conversation.id} nameOf={nameOf} onClose={() => setPinsOpen(false)} /> : null}
        <Button variant="ghost" size="icon" aria-label="Shared files" onClick={() => setFilesOpen(true)}>
          <FileIcon className="h-5 w-5" />
        </Button>
        {filesOpen ? <FilesDialog conversationId={conversation.id} nameOf={nameOf} onClose={() => setFilesOpen(false)} /> : null}
        <Button variant="ghost" size="icon" aria-label="Settings" onClick={() => setSettingsOpen(true)}>
          <SettingsIcon className="h-5 w-5" />
        </Button>
        {settingsOpen ? <SettingsDialog conversation={conversation} open={settingsOpen} onOpenChange={setSettingsOpen} /> : null}
      </div>
    </header>
  );
}

function OpenConversation({ conversation }: { conversation: Conversation }) {
  const id = conversation.id;
  const { me, outbox, reads, cache, cursors, drafts } = useChat();
  const { data: win, isLoading, error, refetch, loadOlder, loadingOlder, olderError } = useMessageWindow(id);
  const queue = useSyncExternalStore(outbox.subscribe, outbox.getSnapshot);
  const list = useRef<MessageListHandle>(null);
  const composer = useRef<ComposerHandle>(null);
  const [atEnd, setAtEnd] = useState(true);
  const active = useDocumentActive();

  // The "New" divider: before the first message that was unread when the conversation was opened (messages
  // arriving later while it is open get none), or where the user marked it unread. The server's cursor is asked
  // for first when this device does not know it yet (a link opened directly).
  const [lastReadAtOpen, setLastReadAtOpen] = useState<number | null>(() => (reads.isKnown(id) ? reads.lastRead(id) : null));
  const [firstUnreadAtOpen, setFirstUnreadAtOpen] = useState<number | null>(() => reads.firstUnread(id));
  useEffect(() => {
    if (lastReadAtOpen !== null) return;
    let live = true;
    reads
      .ensure(id)
      .then(() => live && (setLastReadAtOpen(reads.lastRead(id)), setFirstUnreadAtOpen(reads.firstUnread(id))))
      .catch(() => live && setLastReadAtOpen(0));
    return () => {
      live = false;
    };
  }, [id, reads, lastReadAtOpen]);
  const [divider, setDivider] = useState<number | null | undefined>(undefined);
  if (divider === undefined && win?.loaded && lastReadAtOpen !== null) {
    setDivider(win.messages.some((m) => m.seq > lastReadAtOpen && m.senderId !== me) ? lastReadAtOpen : null);
  }
  const unreadFrom = divider ?? null;
  // After "mark unread" the view stops marking read until the conversation is opened again.
  const [holdReads, setHoldReads] = useState(false);

  // Every member's cursors: ticks on one's own messages and "read by" (not kept for channels).
  const tracksReceipts = conversation.type !== 'CHANNEL';
  useEffect(() => {
    if (tracksReceipts) cursors.load(id).catch(() => {});
  }, [id, cursors, tracksReceipts]);
  const cursorsOf = useSyncExternalStore(cursors.subscribe, cursors.getSnapshot)[id];
  const memberIds = useMemo(() => conversation.members.map((m) => m.userId), [conversation.members]);
  const [readByOf, setReadByOf] = useState<Message | null>(null);
  const [threadOf, setThreadOf] = useState<UUID | null>(null);

  // A channel's view lists only the caller: its senders' names and roles come from the members list.
  const channelMembers = useMembers(id, conversation.type === 'CHANNEL');
  const { names, roles, usernames, mentionables } = useMemo(() => {
    const names = new Map<string, string>();
    const roles = new Map<string, string>();
    const usernames = new Map<string, string>();
    const mentionables: Mentionable[] = [];
    for (const m of [...conversation.members, ...(channelMembers.data ?? [])]) {
      names.set(m.userId, m.displayName || m.username || 'Someone');
      roles.set(m.userId, m.role);
      if (m.username && !usernames.has(m.userId)) {
        usernames.set(m.userId, m.username);
        mentionables.push({ userId: m.userId, username: m.username, displayName: m.displayName });
      }
    }
    return { names, roles, usernames, mentionables };
  }, [conversation.members, channelMembers.data]);
  const [editingId, setEditingId] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<Message | null>(null);
  const [historyOf, setHistoryOf] = useState<Message | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const [highlightSeq, setHighlightSeq] = useState<number | null>(null);
  const [dropping, setDropping] = useState(false);

  const messages = win?.messages ?? [];
  const pending = useMemo(() => {
    const confirmed = new Set<string>();
    for (const m of messages) if (m.senderId === me) confirmed.add(m.clientMessageId);
    return pendingNotConfirmed(forConversation(queue, id), confirmed);
  }, [queue, id, messages, me]);

  const rows = useMemo(
    () => buildRows(messages, pending, me, unreadFrom),
    [messages, pending, me, unreadFrom],
  );

  const last = messages[messages.length - 1];
  const threadParent = threadOf ? messages.find((m) => m.id === threadOf) : undefined;

  // Read up to the latest while it is on screen.
  useEffect(() => {
    if (last && atEnd && active && win?.loaded && lastReadAtOpen !== null && !holdReads) reads.markRead(id, last.seq);
  }, [last, atEnd, active, win?.loaded, reads, id, lastReadAtOpen, holdReads]);

  // More unread than the loaded pages reach: offer to go to the first one.
  const oldestLoaded = messages[0]?.seq ?? 0;
  const canJumpToUnread =
    firstUnreadAtOpen !== null && !!win?.loaded && win.hasOlder && oldestLoaded > firstUnreadAtOpen;
  const jumpToFirstUnread = useCallback(() => {
    if (firstUnreadAtOpen === null) return;
    jump.request(id, firstUnreadAtOpen);
    setFirstUnreadAtOpen(null);
    void loadOlder();
  }, [firstUnreadAtOpen, id, loadOlder]);

  // Count messages from others that arrived while scrolled up.
  const [leftEndAt, setLeftEndAt] = useState<number | null>(null);
  const onAtEndChange = useCallback(
    (end: boolean) => {
      setAtEnd(end);
      setLeftEndAt(end ? null : (last?.seq ?? 0));
    },
    [last],
  );
  const newCount = useMemo(() => {
    if (leftEndAt === null) return 0;
    let n = 0;
    for (let i = messages.length - 1; i >= 0 && messages[i]!.seq > leftEndAt; i--) if (messages[i]!.senderId !== me) n++;
    return n;
  }, [messages, leftEndAt, me]);

  // Announce messages from others as they arrive (not the history loaded at open).
  const [announcement, setAnnouncement] = useState('');
  const announcedUpTo = useRef<number | null>(null);
  useEffect(() => {
    if (!win?.loaded) return;
    const top = last?.seq ?? 0;
    if (announcedUpTo.current === null) {
      announcedUpTo.current = top;
      return;
    }
    const fresh = messages.filter((m) => m.seq > announcedUpTo.current! && m.senderId !== me && !m.deletedAt);
    announcedUpTo.current = Math.max(announcedUpTo.current, top);
    if (fresh.length === 0) return;
    const latest = fresh[fresh.length - 1]!;
    const who = names.get(latest.senderId) ?? 'Someone';
    const said = previewText(latest);
    setAnnouncement(fresh.length === 1 ? `${who}: ${said}` : `${fresh.length} new messages. Latest from ${who}: ${said}`);
  }, [messages, last, win?.loaded, me, names]);

  useEffect(() => {
    if (window.matchMedia('(min-width: 768px)').matches) composer.current?.focus();
  }, [id]);

  const title = useConversationTitle(conversation, me);
  const role = myRole(conversation, me);
  const postingClosed = conversation.archived
    ? 'This conversation is archived: it can be read, not written to.'
    : conversation.readOnly && role === 'MEMBER'
      ? 'Only the owner and admins post in this channel.'
      : null;

  const actions: RowActions = useMemo(
    () => ({
      nameOf: (u) => names.get(u) ?? 'Someone',
      usernameOf: (u) => usernames.get(u),
      me,
      onRetry: (cid) => outbox.retry(cid),
      onDiscard: (cid) => outbox.discard(cid),
      isGroup: conversation.type !== 'DIRECT',
      abilities: (m) => ({
        canEdit: m.senderId === me && !m.deletedAt && !postingClosed,
        canDelete: !m.deletedAt && !conversation.archived && (m.senderId === me || outranks(role, roles.get(m.senderId))),
        // Reacting is open to every member of an announcement channel; a mute or an archive stops it.
        canReact: !m.deletedAt && !conversation.archived,
        canPin: !m.deletedAt && (conversation.type === 'DIRECT' || role === 'OWNER' || role === 'ADMIN'),
      }),
      highlightSeq,
      editingId,
      onStartEdit: (m) => setEditingId(m.id),
      onCancelEdit: () => {
        setEditingId(null);
        composer.current?.focus();
      },
      onSaveEdit: async (m, body) => {
        const updated = await messagesApi.edit(id, m.id, body);
        cache.addSent(updated);
        setEditingId(null);
        composer.current?.focus();
      },
      onDelete: (m) => setDeleting(m),
      onHistory: (m) => setHistoryOf(m),
      onReact: (m, emoji, add) => {
        // The change comes back as a push (and through the feed after a gap); a refusal is said where it happened.
        (add ? messagesApi.react(id, m.id, emoji) : messagesApi.unreact(id, m.id, emoji)).catch((err: unknown) =>
          setActionError(humanMessage(err)),
        );
      },
      tickOf: (m) => (tracksReceipts ? tickOf(m.seq, me, cursorsOf, memberIds) : undefined),
      onMarkUnread: (m) => {
        reads
          .markUnread(id, m.id)
          .then(() => {
            setHoldReads(true);
            setDivider(m.seq - 1);
          })
          .catch((err: unknown) => setActionError(humanMessage(err)));
      },
      onReadBy: conversation.type === 'GROUP' ? (m) => setReadByOf(m) : undefined,
      onOpenThread: (m) => setThreadOf(m.id),
      onPin: (m, pin) => {
        (pin ? messagesApi.pin(id, m.id) : messagesApi.unpin(id, m.id)).catch((err: unknown) => setActionError(humanMessage(err)));
      },
    }),
    [names, usernames, roles, role, outbox, conversation.type, conversation.archived, me, postingClosed, editingId, id, cache, highlightSeq,
      tracksReceipts, cursorsOf, memberIds, reads],
  );

  // A search result asked for a message: load older pages until it is in, then bring it into view.
  const jumpPages = useRef(0);
  useEffect(() => {
    const seq = jump.peek(id);
    if (seq === null || !win?.loaded) return;
    if (messages.some((m) => m.seq === seq)) {
      jump.done();
      setHighlightSeq(seq);
      requestAnimationFrame(() => list.current?.scrollToSeq(seq));
      return;
    }
    if (win.hasOlder && !loadingOlder && jumpPages.current < 50) {
      jumpPages.current++;
      void loadOlder();
    } else if (!win.hasOlder || jumpPages.current >= 50) {
      jump.done();
    }
  }, [id, win, messages, loadingOlder, loadOlder]);

  /** Up-arrow in an empty composer edits the caller's last message. */
  const editLast = useCallback(() => {
    for (let i = messages.length - 1; i >= 0; i--) {
      const m = messages[i]!;
      if (m.senderId === me && !m.deletedAt && !m.replyToId) {
        setEditingId(m.id);
        return true;
      }
    }
    return false;
  }, [messages, me]);

  const send = useCallback(
    (body: string, attachments: Attachment[]) => {
      outbox.add(id, body, null, attachments);
      requestAnimationFrame(() => list.current?.scrollToEnd());
    },
    [outbox, id],
  );

  return (
    <section aria-label={`Conversation with ${title}`} className="relative flex min-h-0 min-w-0 flex-1">
      <div
        className="relative flex min-h-0 min-w-0 flex-1 flex-col"
        // Files dropped anywhere on the conversation attach to its composer (the thread panel has its own).
        onDragOver={(e) => {
          if (postingClosed || !dragHasFiles(e)) return;
          e.preventDefault();
          if (!dropping) setDropping(true);
        }}
        onDragLeave={(e) => {
          if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setDropping(false);
        }}
        onDrop={(e) => {
          setDropping(false);
          if (e.defaultPrevented || postingClosed || !dragHasFiles(e)) return; // taken by the composer itself
          e.preventDefault();
          composer.current?.addFiles(Array.from(e.dataTransfer.files));
        }}
      >
      {dropping ? (
        <div
          aria-hidden="true"
          className="pointer-events-none absolute inset-2 z-30 flex items-center justify-center rounded-2xl border-2 border-dashed border-primary bg-background/80 text-base font-semibold text-primary"
        >
          Drop files to attach
        </div>
      ) : null}
      <Header conversation={conversation} nameOf={actions.nameOf} />
      {isLoading && !win ? (
        <div className="flex flex-1 items-center justify-center text-muted-foreground">
          <Spinner label="Loading messages" />
        </div>
      ) : error && !win?.loaded ? (
        <div role="alert" className="flex flex-1 flex-col items-center justify-center gap-2 p-6 text-center text-sm">
          <p className="text-danger">{humanMessage(error)}</p>
          <button type="button" className="text-primary underline cursor-pointer" onClick={() => void refetch()}>
            Try again
          </button>
        </div>
      ) : rows.length === 0 ? (
        <div className="flex flex-1 flex-col items-center justify-center gap-1 p-6 text-center" role="region" aria-label="Messages">
          <p className="text-base font-semibold">No messages yet</p>
          <p className="text-sm text-muted-foreground">Say hello to start the conversation.</p>
        </div>
      ) : (
        <MessageList
          ref={list}
          rows={rows}
          actions={actions}
          hasOlder={!!win?.loaded && win.hasOlder}
          loadingOlder={loadingOlder}
          olderError={olderError}
          onLoadOlder={loadOlder}
          atEnd={atEnd}
          onAtEndChange={onAtEndChange}
          newCount={newCount}
        />
      )}
      {canJumpToUnread ? (
        <div className="pointer-events-none absolute left-1/2 top-16 z-10 -translate-x-1/2">
          <button
            type="button"
            onClick={jumpToFirstUnread}
            className="pointer-events-auto rounded-full bg-primary px-3 py-1 text-xs font-semibold text-primary-foreground shadow-md hover:opacity-90 focus-visible:outline-2 focus-visible:outline-ring cursor-pointer"
          >
            Jump to first unread
          </button>
        </div>
      ) : null}
      {actionError ? (
        <p role="alert" className="mx-3 mb-1 flex items-center justify-between rounded-lg bg-danger-soft px-3 py-2 text-sm text-danger sm:mx-5">
          {actionError}
          <button type="button" className="ml-3 underline cursor-pointer" onClick={() => setActionError(null)}>
            Dismiss
          </button>
        </p>
      ) : null}
      <div aria-live="polite" aria-atomic="true" className="sr-only" data-testid="announcer">
        {announcement}
      </div>
      <ScheduledBar conversationId={id} />
      {postingClosed ? (
        <p role="status" data-testid="posting-closed" className="border-t border-border px-5 py-4 text-center text-sm text-muted-foreground">
          {postingClosed}
        </p>
      ) : (
        <Composer ref={composer} conversationId={id} onSend={send} onEditLast={editLast} placeholder={`Message ${title}`} drafts={drafts}
          mentionables={mentionables} me={me} />
      )}
      {deleting ? (
        <DeleteMessageDialog
          onCancel={() => setDeleting(null)}
          onConfirm={async () => {
            await messagesApi.remove(id, deleting.id);
            setDeleting(null);
          }}
        />
      ) : null}
      {historyOf ? <EditHistoryDialog message={historyOf} onClose={() => setHistoryOf(null)} /> : null}
      {readByOf ? (
        <ReadByDialog
          message={readByOf}
          cursors={cursorsOf}
          nameOf={actions.nameOf}
          onClose={() => setReadByOf(null)}
        />
      ) : null}
      </div>
      {threadParent ? (
        <ThreadPanel
          key={threadParent.id}
          conversationId={id}
          parent={threadParent}
          windowMessages={messages}
          actions={actions}
          canPost={!postingClosed}
          mentionables={mentionables}
          onClose={() => setThreadOf(null)}
        />
      ) : null}
    </section>
  );
}
