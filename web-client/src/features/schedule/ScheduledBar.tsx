import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { humanMessage } from '../../api/http.ts';
import type { UUID } from '../../api/types.ts';
import { Button } from '../../ui/Button.tsx';
import { formatFull } from '../../ui/format.ts';
import { ClockIcon } from '../../ui/icons.tsx';
import { scheduleApi, scheduledKey, type ScheduledMessage } from './api.ts';
import { ScheduleDialog } from './ScheduleDialog.tsx';
import { refetchDelay } from './time.ts';

/**
 * Above the composer while the caller has messages scheduled here: "N scheduled", which opens their list (soonest
 * first) with edit and cancel. The list is fetched again just after the soonest is due, when it has been sent.
 */
export function ScheduledBar({ conversationId }: { conversationId: UUID }) {
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [editing, setEditing] = useState<ScheduledMessage | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { data } = useQuery({
    queryKey: scheduledKey(conversationId),
    queryFn: () => scheduleApi.pending(conversationId),
    refetchInterval: (query) => refetchDelay(query.state.data?.items.map((m) => m.sendAt) ?? [], Date.now()),
  });
  const items = data?.items ?? [];
  if (items.length === 0) return null;

  const refresh = () => queryClient.invalidateQueries({ queryKey: scheduledKey(conversationId) });
  async function cancel(m: ScheduledMessage) {
    setError(null);
    try {
      await scheduleApi.cancel(m.id);
    } catch (err) {
      setError(humanMessage(err));
    }
    await refresh();
  }

  const listId = `scheduled-${conversationId}`;
  return (
    <section aria-label="Scheduled messages" data-testid="scheduled-bar" className="border-t border-border bg-background px-3 pt-2 sm:px-5">
      <button
        type="button"
        aria-expanded={open}
        aria-controls={listId}
        onClick={() => setOpen((o) => !o)}
        className="inline-flex items-center gap-1.5 rounded-lg px-2 py-1 text-sm text-muted-foreground hover:bg-muted hover:text-foreground cursor-pointer focus-visible:outline-2 focus-visible:outline-ring"
      >
        <ClockIcon className="h-4 w-4" />
        {items.length} scheduled
      </button>
      {open ? (
        <ul id={listId} aria-label="Scheduled" className="mt-1 flex max-h-48 flex-col gap-1 overflow-y-auto pb-1">
          {items.map((m) => (
            <li key={m.id} data-testid="scheduled-message" className="flex items-center gap-2 rounded-lg bg-surface px-3 py-1.5 text-sm">
              <span className="min-w-0 flex-1 truncate" title={m.body}>
                {m.body}
              </span>
              <time dateTime={m.sendAt} className="shrink-0 text-xs text-muted-foreground">
                {formatFull(m.sendAt)}
              </time>
              <Button variant="ghost" size="sm" aria-label={`Edit scheduled message: ${m.body}`} onClick={() => setEditing(m)}>
                Edit
              </Button>
              <Button variant="ghost" size="sm" aria-label={`Cancel scheduled message: ${m.body}`} onClick={() => void cancel(m)}>
                Cancel
              </Button>
            </li>
          ))}
        </ul>
      ) : null}
      {error ? (
        <p role="alert" className="pb-1 text-sm text-danger">
          {error}
        </p>
      ) : null}
      {editing ? (
        <ScheduleDialog
          title="Edit scheduled message"
          submitLabel="Save"
          initialBody={editing.body}
          initialAt={new Date(editing.sendAt)}
          editBody
          onClose={() => setEditing(null)}
          onSubmit={async (body, at) => {
            const changes = {
              ...(body !== editing.body ? { body } : {}),
              // the picker shows whole seconds: an untouched time is no change
              ...(Math.floor(at.getTime() / 1000) !== Math.floor(Date.parse(editing.sendAt) / 1000) ? { sendAt: at.toISOString() } : {}),
            };
            if (Object.keys(changes).length > 0) await scheduleApi.change(editing.id, changes);
            await refresh();
            setEditing(null);
          }}
        />
      ) : null}
    </section>
  );
}
