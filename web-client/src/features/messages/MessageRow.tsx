import { memo } from 'react';
import { Avatar } from '../../ui/Avatar.tsx';
import { cn } from '../../ui/cn.ts';
import { formatDay, formatFull, formatTime } from '../../ui/format.ts';
import { AlertIcon, CheckCheckIcon, CheckIcon, ClockIcon } from '../../ui/icons.tsx';
import type { Tick } from '../receipts/cursors.ts';
import { splitMentions } from '../mentions/mentions.ts';
import type { Message } from '../../api/types.ts';
import { EditBox, MessageMenu, type MessageAbilities } from './MessageActions.tsx';
import { AttachmentList } from './Attachments.tsx';
import type { Row } from './rows.ts';

export interface RowActions {
  nameOf: (userId: string) => string;
  /** A member's username, to show the mentions of a message. */
  usernameOf?: (userId: string) => string | undefined;
  me?: string;
  onRetry: (clientMessageId: string) => void;
  onDiscard: (clientMessageId: string) => void;
  isGroup: boolean;
  abilities: (message: Message) => MessageAbilities;
  /** A message to point out (a search result just opened). */
  highlightSeq: number | null;
  /** The id of the message being edited in place, if any. */
  editingId: string | null;
  onStartEdit: (message: Message) => void;
  onCancelEdit: () => void;
  onSaveEdit: (message: Message, body: string) => Promise<void>;
  onDelete: (message: Message) => void;
  onHistory: (message: Message) => void;
  onReact: (message: Message, emoji: string, add: boolean) => void;
  onPin: (message: Message, pin: boolean) => void;
  /** One's own message's state for the others (derived from their cursors); undefined where not shown. */
  tickOf?: (message: Message) => Tick | undefined;
  onMarkUnread?: (message: Message) => void;
  /** "Read by" of one's own messages (groups). */
  onReadBy?: ((message: Message) => void) | undefined;
  /** Opens the message's thread (absent inside a thread). */
  onOpenThread?: ((message: Message) => void) | undefined;
}

export const RowView = memo(function RowView({ row, actions }: { row: Row; actions: RowActions }) {
  if (row.kind === 'day') {
    return (
      <div className="flex items-center gap-3 px-4 py-3" role="separator" aria-label={formatDay(row.date)}>
        <span className="h-px flex-1 bg-border" />
        <span className="rounded-full bg-muted px-3 py-0.5 text-xs font-medium text-muted-foreground">{formatDay(row.date)}</span>
        <span className="h-px flex-1 bg-border" />
      </div>
    );
  }
  if (row.kind === 'unread') {
    return (
      <div className="flex items-center gap-3 px-4 py-2" role="separator" aria-label="New messages">
        <span className="h-px flex-1 bg-danger/50" />
        <span className="text-xs font-semibold uppercase tracking-wide text-danger">New</span>
        <span className="h-px flex-1 bg-danger/50" />
      </div>
    );
  }
  if (row.kind === 'pending') {
    const { item } = row;
    const failed = item.status === 'failed';
    return (
      <Bubble
        mine
        head={row.head}
        tail={row.tail}
        name="You"
        seed=""
        time={item.createdAt}
        body={item.body || null}
        files={
          item.attachments?.length ? (
            <ul aria-label="Attachments" className="mb-0.5 flex flex-col items-end gap-0.5 text-sm" data-testid="pending-attachments">
              {item.attachments.map((a) => (
                <li key={a.mediaId} className="max-w-64 truncate">
                  📎 {a.filename}
                </li>
              ))}
            </ul>
          ) : null
        }
        status={failed ? 'failed' : 'pending'}
        clientMessageId={item.clientMessageId}
        isGroup={actions.isGroup}
      >
        {failed ? (
          <div className="mt-1 flex items-center justify-end gap-2 text-xs text-danger">
            <AlertIcon className="h-3.5 w-3.5" />
            <span>{item.error ?? 'Not sent.'}</span>
            <button
              type="button"
              onClick={() => actions.onRetry(item.clientMessageId)}
              className="rounded-md border border-danger/40 px-2 py-0.5 font-medium hover:bg-danger-soft focus-visible:outline-2 focus-visible:outline-ring cursor-pointer"
            >
              Retry
            </button>
            <button
              type="button"
              aria-label="Discard message"
              onClick={() => actions.onDiscard(item.clientMessageId)}
              className="rounded-md px-1.5 py-0.5 text-muted-foreground hover:bg-muted focus-visible:outline-2 focus-visible:outline-ring cursor-pointer"
            >
              Discard
            </button>
          </div>
        ) : null}
      </Bubble>
    );
  }
  const m = row.message;
  if (actions.editingId === m.id) {
    return (
      <div data-testid="message" data-editing="true" data-seq={m.seq} className="flex justify-end px-3 py-1 sm:px-5">
        <EditBox message={m} onSave={(body) => actions.onSaveEdit(m, body)} onCancel={actions.onCancelEdit} />
      </div>
    );
  }
  return (
    <Bubble
      mine={row.mine}
      head={row.head}
      tail={row.tail}
      name={row.mine ? 'You' : actions.nameOf(m.senderId)}
      seed={m.senderId}
      time={m.createdAt}
      body={m.deletedAt || !m.body ? null : <MessageBody body={m.body} mentions={m.mentions} actions={actions} />}
      files={!m.deletedAt && m.attachments?.length ? <AttachmentList attachments={m.attachments} mine={row.mine} /> : null}
      deleted={!!m.deletedAt}
      edited={!!m.editedAt}
      status={row.mine ? 'sent' : undefined}
      tick={row.mine && !m.deletedAt ? actions.tickOf?.(m) : undefined}
      pinned={!!m.pinnedAt && !m.deletedAt}
      highlighted={actions.highlightSeq === m.seq}
      seq={m.seq}
      clientMessageId={m.clientMessageId}
      isGroup={actions.isGroup}
      menu={
        <MessageMenu
          message={m}
          abilities={actions.abilities(m)}
          onEdit={() => actions.onStartEdit(m)}
          onDelete={() => actions.onDelete(m)}
          onHistory={() => actions.onHistory(m)}
          onReact={(emoji, add) => actions.onReact(m, emoji, add)}
          onPin={(pin) => actions.onPin(m, pin)}
          onMarkUnread={actions.onMarkUnread ? () => actions.onMarkUnread!(m) : undefined}
          onReadBy={row.mine && actions.onReadBy ? () => actions.onReadBy!(m) : undefined}
          onReply={actions.onOpenThread && !m.deletedAt ? () => actions.onOpenThread!(m) : undefined}
        />
      }
    >
      {actions.onOpenThread && (m.replyCount ?? 0) > 0 ? (
        <button
          type="button"
          data-testid="thread-summary"
          onClick={() => actions.onOpenThread!(m)}
          className="mt-0.5 rounded-md px-1 text-xs font-semibold text-primary hover:underline focus-visible:outline-2 focus-visible:outline-ring cursor-pointer"
        >
          {m.replyCount === 1 ? '1 reply' : `${m.replyCount} replies`}
          {m.lastReplyAt ? <span className="ml-1 font-normal text-muted-foreground">· last {formatTime(m.lastReplyAt)}</span> : null}
        </button>
      ) : null}
      {m.reactions?.length && !m.deletedAt ? (
        <div role="group" aria-label="Reactions" className={cn('mt-0.5 flex flex-wrap gap-1', row.mine && 'justify-end')}>
          {m.reactions.map((r) => (
            <button
              key={r.emoji}
              type="button"
              aria-pressed={r.me}
              aria-label={`${r.emoji} ${r.count}${r.me ? ', including you' : ''}`}
              data-testid="reaction"
              disabled={!actions.abilities(m).canReact}
              onClick={() => actions.onReact(m, r.emoji, !r.me)}
              className={cn(
                'inline-flex items-center gap-1 rounded-full border px-2 py-0.5 text-xs cursor-pointer disabled:cursor-default',
                r.me ? 'border-primary/60 bg-accent text-accent-foreground' : 'border-border bg-surface hover:bg-muted',
              )}
            >
              <span>{r.emoji}</span>
              <span className="tabular-nums">{r.count}</span>
            </button>
          ))}
        </div>
      ) : null}
    </Bubble>
  );
});

/** A body with its mentions (those the server resolved) marked; one's own mention stands out. */
function MessageBody({ body, mentions, actions }: { body: string; mentions: string[] | undefined; actions: RowActions }) {
  if (!mentions?.length || !actions.usernameOf) return <>{body}</>;
  const byName = new Map<string, string>();
  for (const id of mentions) {
    const name = actions.usernameOf(id);
    if (name) byName.set(name.toLowerCase(), id);
  }
  return (
    <>
      {splitMentions(body, byName).map((part, i) =>
        part.kind === 'text' ? (
          <span key={i}>{part.text}</span>
        ) : (
          <span
            key={i}
            data-testid="mention"
            data-me={part.userId === actions.me ? 'true' : undefined}
            title={actions.nameOf(part.userId)}
            className={cn(
              'rounded px-0.5 font-semibold',
              part.userId === actions.me ? 'bg-amber-300/40 text-foreground' : 'text-primary',
            )}
          >
            {part.text}
          </span>
        ),
      )}
    </>
  );
}

function Bubble({
  mine,
  head,
  tail,
  name,
  seed,
  time,
  body,
  files,
  status,
  tick,
  seq,
  clientMessageId,
  deleted,
  edited,
  pinned,
  highlighted,
  isGroup,
  menu,
  children,
}: {
  mine: boolean;
  head: boolean;
  tail: boolean;
  name: string;
  seed: string;
  time: string;
  /** Null for a message with files only: no empty text line. */
  body: React.ReactNode;
  files?: React.ReactNode;
  status?: 'pending' | 'sent' | 'failed' | undefined;
  tick?: Tick | undefined;
  seq?: number;
  clientMessageId?: string;
  deleted?: boolean;
  edited?: boolean;
  pinned?: boolean;
  highlighted?: boolean;
  isGroup: boolean;
  menu?: React.ReactNode;
  children?: React.ReactNode;
}) {
  const showName = head && !mine && isGroup;
  return (
    <div
      data-testid="message"
      data-mine={mine ? 'true' : 'false'}
      data-status={status}
      data-tick={tick}
      data-seq={seq}
      data-client-id={clientMessageId}
      data-deleted={deleted ? 'true' : undefined}
      data-edited={edited ? 'true' : undefined}
      data-pinned={pinned ? 'true' : undefined}
      data-highlighted={highlighted ? 'true' : undefined}
      className={cn('group flex gap-2 px-3 sm:px-5', head ? 'pt-2.5' : 'pt-0.5', tail && 'pb-0.5', mine ? 'justify-end' : 'justify-start')}
    >
      {mine && menu ? <div className="self-center">{menu}</div> : null}
      {!mine ? (
        <div className="w-8 shrink-0">{head ? <Avatar name={name} seed={seed} size="sm" /> : null}</div>
      ) : null}
      <div className={cn('flex min-w-0 max-w-[min(36rem,80%)] flex-col', mine ? 'items-end' : 'items-start')}>
        {showName ? <div className="mb-0.5 px-1 text-xs font-semibold text-muted-foreground">{name}</div> : null}
        <div
          className={cn(
            'relative rounded-2xl px-3 py-1.5 text-[15px] leading-snug shadow-xs',
            mine ? 'bg-bubble-own text-bubble-own-foreground' : 'bg-bubble text-bubble-foreground',
            mine ? (head ? 'rounded-tr-md' : 'rounded-r-md') : head ? 'rounded-tl-md' : 'rounded-l-md',
            status === 'pending' && 'opacity-70',
            status === 'failed' && 'ring-2 ring-danger/60',
            highlighted && 'ring-2 ring-ring',
          )}
        >
          <span className="sr-only">{mine ? 'You' : name}, {formatTime(time)}: </span>
          {deleted ? (
            <span className="italic opacity-70">Message deleted</span>
          ) : (
            <>
              {files}
              {body != null ? (
                <span className="whitespace-pre-wrap break-words [overflow-wrap:anywhere]" data-testid="message-body">
                  {body}
                </span>
              ) : null}
            </>
          )}
          <span
            className={cn(
              'float-right ml-2 mt-1.5 inline-flex translate-y-0.5 items-center gap-1 text-[11px] leading-none',
              mine ? 'text-bubble-own-foreground/75' : 'text-muted-foreground',
            )}
            aria-hidden="true"
            title={formatFull(time)}
          >
            {pinned ? 'pinned · ' : ''}
            {edited ? 'edited · ' : ''}
            {formatTime(time)}
            {status === 'pending' ? <ClockIcon className="h-3 w-3" /> : null}
            {tick === 'sent' ? <CheckIcon className="h-3.5 w-3.5" /> : null}
            {tick === 'delivered' ? <CheckCheckIcon className="h-3.5 w-3.5" /> : null}
            {tick === 'read' ? <CheckCheckIcon className="h-3.5 w-3.5 text-sky-300" /> : null}
          </span>
          {tick ? <span className="sr-only"> ({tick})</span> : null}
          {status === 'pending' ? <span className="sr-only"> (sending)</span> : null}
          {status === 'failed' ? <span className="sr-only"> (not sent)</span> : null}
        </div>
        {children}
      </div>
      {!mine && menu ? <div className="self-center">{menu}</div> : null}
    </div>
  );
}
