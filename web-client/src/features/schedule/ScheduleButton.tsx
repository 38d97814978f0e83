import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { UUID } from '../../api/types.ts';
import { cn } from '../../ui/cn.ts';
import { ClockIcon } from '../../ui/icons.tsx';
import { scheduleApi, scheduledKey } from './api.ts';
import { ScheduleDialog } from './ScheduleDialog.tsx';

/** The composer's clock: schedules the composer's text for later, then `onScheduled` clears the composer. */
export function ScheduleButton({ conversationId, text, onScheduled }: { conversationId: UUID; text: string; onScheduled: () => void }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button
        type="button"
        aria-label="Schedule message"
        title="Schedule message"
        disabled={!text.trim()}
        onClick={() => setOpen(true)}
        className={cn(
          'mb-0.5 inline-flex h-9 w-9 shrink-0 items-center justify-center rounded-xl transition-colors',
          'text-muted-foreground hover:bg-muted hover:text-foreground disabled:opacity-50',
          'focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring cursor-pointer disabled:cursor-not-allowed',
        )}
      >
        <ClockIcon className="h-4.5 w-4.5" />
      </button>
      {open ? (
        <CreateDialog
          conversationId={conversationId}
          text={text}
          onClose={() => setOpen(false)}
          onScheduled={() => {
            setOpen(false);
            onScheduled();
          }}
        />
      ) : null}
    </>
  );
}

/** Mounted only while open: the composer renders without a query client in its own tests. */
function CreateDialog({ conversationId, text, onClose, onScheduled }: { conversationId: UUID; text: string; onClose: () => void; onScheduled: () => void }) {
  const queryClient = useQueryClient();
  return (
    <ScheduleDialog
      title="Schedule message"
      submitLabel="Schedule"
      initialBody={text}
      initialAt={null}
      editBody={false}
      onClose={onClose}
      onSubmit={async (body, at) => {
        await scheduleApi.schedule(conversationId, { body, sendAt: at.toISOString() });
        await queryClient.invalidateQueries({ queryKey: scheduledKey(conversationId) });
        onScheduled();
      }}
    />
  );
}
