import * as Menu from '@radix-ui/react-dropdown-menu';
import { previewText } from '../attachments/summary.ts';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { humanMessage } from '../../api/http.ts';
import { messagesApi } from '../../api/messages.ts';
import type { Message } from '../../api/types.ts';
import { Button, Spinner } from '../../ui/Button.tsx';
import { Dialog } from '../../ui/Dialog.tsx';
import { formatFull } from '../../ui/format.ts';
import { MAX_BODY } from './Composer.tsx';

const item =
  'flex cursor-pointer select-none items-center gap-2 rounded-md px-2 py-1.5 text-sm outline-none data-[highlighted]:bg-muted';

/** What the caller may do to one message; the services decide, this only offers what they would allow. */
export interface MessageAbilities {
  canEdit: boolean;
  canDelete: boolean;
  canReact: boolean;
  canPin: boolean;
}

/** The quick reactions offered in a message's menu. */
export const QUICK_REACTIONS = ['👍', '❤️', '😂', '🎉', '😮', '😢', '🙏', '👀'];

/** The "•••" menu of a message: shown on hover and on keyboard focus of the row. */
export function MessageMenu({
  message,
  abilities,
  onEdit,
  onDelete,
  onHistory,
  onReact,
  onPin,
  onMarkUnread,
  onReadBy,
  onReply,
}: {
  message: Message;
  abilities: MessageAbilities;
  onEdit: () => void;
  onDelete: () => void;
  onHistory: () => void;
  onReact: (emoji: string, add: boolean) => void;
  onPin: (pin: boolean) => void;
  onMarkUnread?: (() => void) | undefined;
  onReadBy?: (() => void) | undefined;
  onReply?: (() => void) | undefined;
}) {
  const mine = new Set((message.reactions ?? []).filter((r) => r.me).map((r) => r.emoji));
  const entries = [
    onReply && { label: 'Reply in thread', run: onReply },
    abilities.canEdit && { label: 'Edit', run: onEdit },
    abilities.canPin && !message.deletedAt && (message.pinnedAt
      ? { label: 'Unpin', run: () => onPin(false) }
      : { label: 'Pin', run: () => onPin(true) }),
    message.editedAt && !message.deletedAt && { label: 'Edit history', run: onHistory },
    !message.deletedAt && !!message.body && { label: 'Copy text', run: () => void navigator.clipboard?.writeText(message.body) },
    onReadBy && !message.deletedAt && { label: 'Read by', run: onReadBy },
    onMarkUnread && { label: 'Mark unread', run: onMarkUnread },
    abilities.canDelete && { label: 'Delete', run: onDelete, danger: true },
  ].filter(Boolean) as { label: string; run: () => void; danger?: boolean }[];
  const reacting = abilities.canReact && !message.deletedAt;
  if (entries.length === 0 && !reacting) return null;
  return (
    <Menu.Root>
      <Menu.Trigger
        aria-label="Message actions"
        className="rounded-md px-1.5 text-sm leading-6 text-muted-foreground opacity-0 hover:bg-muted focus-visible:opacity-100 focus-visible:outline-2 focus-visible:outline-ring group-hover:opacity-100 data-[state=open]:opacity-100 cursor-pointer"
      >
        •••
      </Menu.Trigger>
      <Menu.Portal>
        <Menu.Content align="end" sideOffset={4} className="z-50 min-w-40 rounded-xl border border-border bg-background p-1 shadow-xl animate-pop-in">
          {reacting ? (
            <Menu.Group aria-label="React" className="grid grid-cols-4 gap-0.5 border-b border-border pb-1 mb-1">
              {QUICK_REACTIONS.map((emoji) => (
                <Menu.Item
                  key={emoji}
                  aria-label={`React with ${emoji}`}
                  className={`flex cursor-pointer items-center justify-center rounded-md p-1.5 text-lg outline-none data-[highlighted]:bg-muted ${mine.has(emoji) ? 'bg-accent' : ''}`}
                  onSelect={() => onReact(emoji, !mine.has(emoji))}
                >
                  {emoji}
                </Menu.Item>
              ))}
            </Menu.Group>
          ) : null}
          {entries.map((e) => (
            <Menu.Item key={e.label} className={e.danger ? `${item} text-danger` : item} onSelect={e.run}>
              {e.label}
            </Menu.Item>
          ))}
        </Menu.Content>
      </Menu.Portal>
    </Menu.Root>
  );
}

/** The body of a message being edited in place: Enter saves, Shift+Enter is a new line, Escape cancels. */
export function EditBox({ message, onSave, onCancel }: { message: Message; onSave: (body: string) => Promise<void>; onCancel: () => void }) {
  const [text, setText] = useState(message.body);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const area = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    const el = area.current;
    el?.focus();
    el?.setSelectionRange(el.value.length, el.value.length);
  }, []);

  async function save() {
    const body = text.trim();
    if (!body) return;
    if (body === message.body) {
      onCancel();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await onSave(body);
    } catch (err) {
      setError(humanMessage(err));
      setBusy(false);
    }
  }

  function onKeyDown(e: KeyboardEvent<HTMLTextAreaElement>) {
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      onCancel();
    } else if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      void save();
    }
  }

  return (
    <div className="flex w-[min(32rem,80vw)] flex-col gap-1.5">
      <textarea
        ref={area}
        aria-label="Edit message"
        value={text}
        maxLength={MAX_BODY}
        rows={Math.min(8, Math.max(2, text.split('\n').length))}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={onKeyDown}
        className="w-full resize-none rounded-xl border border-ring bg-surface px-3 py-2 text-[15px] text-foreground focus:outline-none focus:ring-2 focus:ring-ring/25"
      />
      {error ? (
        <p role="alert" className="text-xs text-danger">
          {error}
        </p>
      ) : null}
      <div className="flex items-center justify-end gap-2 text-xs">
        <span className="text-muted-foreground">Escape to cancel · Enter to save</span>
        <Button size="sm" variant="ghost" onClick={onCancel}>
          Cancel
        </Button>
        <Button size="sm" loading={busy} onClick={() => void save()}>
          Save
        </Button>
      </div>
    </div>
  );
}

export function DeleteMessageDialog({ onCancel, onConfirm }: { onCancel: () => void; onConfirm: () => Promise<void> }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <Dialog open onOpenChange={(o) => (o ? undefined : onCancel())} title="Delete message?" description="Everyone will see that a message was deleted here; its text is gone.">
      <div className="flex flex-col gap-2 px-5 pb-5">
        {error ? (
          <p role="alert" className="text-sm text-danger">
            {error}
          </p>
        ) : null}
        <div className="flex justify-end gap-2">
          <Button variant="ghost" onClick={onCancel}>
            Cancel
          </Button>
          <Button
            variant="danger"
            loading={busy}
            onClick={() => {
              setBusy(true);
              onConfirm().catch((err: unknown) => {
                setError(humanMessage(err));
                setBusy(false);
              });
            }}
          >
            Delete
          </Button>
        </div>
      </div>
    </Dialog>
  );
}

export function EditHistoryDialog({ message, onClose }: { message: Message; onClose: () => void }) {
  const history = useQuery({
    queryKey: ['edits', message.id, message.editedAt],
    queryFn: () => messagesApi.edits(message.conversationId, message.id),
  });
  return (
    <Dialog open onOpenChange={(o) => (o ? undefined : onClose())} title="Edit history">
      <ol aria-label="Earlier versions" className="flex max-h-96 flex-col gap-2 overflow-y-auto px-5 pb-5 text-sm">
        {history.isLoading ? (
          <Spinner label="Loading the history" />
        ) : history.error ? (
          <li className="text-danger">{humanMessage(history.error)}</li>
        ) : (
          <>
            {history.data?.items.map((e) => (
              <li key={e.seq} className="rounded-lg bg-muted px-3 py-2">
                <p className="whitespace-pre-wrap break-words">{e.previousBody}</p>
                <p className="mt-1 text-xs text-muted-foreground">replaced {formatFull(e.editedAt)}</p>
              </li>
            ))}
            <li className="rounded-lg border border-border px-3 py-2">
              <p className="whitespace-pre-wrap break-words">{message.body}</p>
              <p className="mt-1 text-xs text-muted-foreground">current</p>
            </li>
          </>
        )}
      </ol>
    </Dialog>
  );
}

/** A conversation's pinned messages, newest pin first. */
export function PinnedDialog({
  conversationId,
  nameOf,
  onClose,
}: {
  conversationId: string;
  nameOf: (userId: string) => string;
  onClose: () => void;
}) {
  const pins = useQuery({ queryKey: ['pins', conversationId], queryFn: () => messagesApi.pins(conversationId) });
  const items = pins.data?.items ?? [];
  return (
    <Dialog open onOpenChange={(o) => (o ? undefined : onClose())} title="Pinned messages">
      <ol aria-label="Pinned messages" className="flex max-h-96 flex-col gap-2 overflow-y-auto px-5 pb-5 text-sm">
        {pins.isLoading ? (
          <Spinner label="Loading pinned messages" />
        ) : pins.error ? (
          <li className="text-danger">{humanMessage(pins.error)}</li>
        ) : items.length === 0 ? (
          <li className="text-muted-foreground">Nothing is pinned yet.</li>
        ) : (
          items.map((m) => (
            <li key={m.id} className="rounded-lg bg-muted px-3 py-2" data-testid="pinned">
              <p className="text-xs font-semibold text-muted-foreground">{nameOf(m.senderId)}</p>
              <p className="whitespace-pre-wrap break-words">{previewText(m)}</p>
              {m.pinnedAt ? <p className="mt-1 text-xs text-muted-foreground">pinned {formatFull(m.pinnedAt)}</p> : null}
            </li>
          ))
        )}
      </ol>
    </Dialog>
  );
}
