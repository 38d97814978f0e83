import { useQuery } from '@tanstack/react-query';
import { useMemo, useRef, useSyncExternalStore } from 'react';
import { humanMessage } from '../../api/http.ts';
import { messagesApi } from '../../api/messages.ts';
import type { Message, UUID } from '../../api/types.ts';
import { useChat } from '../../app/ChatContext.tsx';
import { Button, Spinner } from '../../ui/Button.tsx';
import { XIcon } from '../../ui/icons.tsx';
import { Composer, dragHasFiles, type ComposerHandle } from '../messages/Composer.tsx';
import { RowView, type RowActions } from '../messages/MessageRow.tsx';
import { buildRows } from '../messages/rows.ts';
import { pendingReplies, threadReplies } from './thread.ts';
import type { Mentionable } from '../mentions/mentions.ts';

const MAX_PAGES = 20;

/** Loads a thread's replies over REST, page after page (at most 2,000). */
async function loadReplies(conversationId: UUID, parentId: UUID): Promise<Message[]> {
  const all: Message[] = [];
  let after = 0;
  for (let page = 0; page < MAX_PAGES; page++) {
    const res = await messagesApi.replies(conversationId, parentId, after, 100);
    all.push(...res.items);
    if (!res.hasMore || res.items.length === 0) break;
    after = res.items[res.items.length - 1]!.seq;
  }
  return all;
}

/**
 * The thread of one message beside the conversation: the parent, its replies (live: the conversation's pushes
 * reach the window they are merged from) and a composer that replies in it.
 */
export function ThreadPanel({
  conversationId,
  parent,
  windowMessages,
  actions,
  canPost,
  mentionables,
  onClose,
}: {
  conversationId: UUID;
  parent: Message;
  windowMessages: readonly Message[];
  actions: RowActions;
  canPost: boolean;
  mentionables: readonly Mentionable[];
  onClose: () => void;
}) {
  const { me, outbox } = useChat();
  const loaded = useQuery({
    queryKey: ['replies', conversationId, parent.id],
    queryFn: () => loadReplies(conversationId, parent.id),
    staleTime: 0,
  });
  const queue = useSyncExternalStore(outbox.subscribe, outbox.getSnapshot);
  const replies = useMemo(
    () => threadReplies(parent.id, loaded.data ?? [], windowMessages),
    [parent.id, loaded.data, windowMessages],
  );
  const pending = useMemo(() => pendingReplies(parent.id, queue, replies, me), [parent.id, queue, replies, me]);
  // Replies render as plain rows: the main list's rule that hides replies does not apply inside a thread.
  const rows = useMemo(
    () => buildRows([parent, ...replies.map((r) => ({ ...r, replyToId: null }))], pending.map((p) => ({ ...p, replyToId: null })), me),
    [parent, replies, pending, me],
  );
  const count = replies.length;
  const composer = useRef<ComposerHandle>(null);

  return (
    <aside
      aria-label="Thread"
      onDragOver={(e) => {
        if (canPost && dragHasFiles(e)) e.preventDefault();
      }}
      onDrop={(e) => {
        if (e.defaultPrevented || !canPost || !dragHasFiles(e)) return; // taken by the composer itself
        e.preventDefault();
        composer.current?.addFiles(Array.from(e.dataTransfer.files));
      }}
      className="absolute inset-0 z-20 flex flex-col border-l border-border bg-background md:static md:z-auto md:w-96 md:shrink-0"
    >
      <header className="flex items-center justify-between border-b border-border px-4 py-3">
        <div>
          <h2 className="text-sm font-semibold">Thread</h2>
          <p className="text-xs text-muted-foreground" data-testid="thread-count">
            {count === 1 ? '1 reply' : `${count} replies`}
          </p>
        </div>
        <Button variant="ghost" size="icon" aria-label="Close thread" onClick={onClose}>
          <XIcon className="h-5 w-5" />
        </Button>
      </header>
      <div role="region" aria-label="Replies" className="min-h-0 flex-1 overflow-y-auto py-2">
        {rows.map((row) => (
          <RowView key={row.key} row={row} actions={{ ...actions, onOpenThread: undefined }} />
        ))}
        {loaded.isLoading ? <Spinner label="Loading replies" /> : null}
        {loaded.error ? <p className="px-4 text-sm text-danger">{humanMessage(loaded.error)}</p> : null}
      </div>
      {canPost ? (
        <Composer
          ref={composer}
          conversationId={conversationId}
          draftKey={`thread:${parent.id}`}
          label="Reply"
          placeholder="Reply in thread"
          onSend={(body, attachments) => outbox.add(conversationId, body, parent.id, attachments)}
          mentionables={mentionables}
          me={me}
        />
      ) : null}
    </aside>
  );
}
