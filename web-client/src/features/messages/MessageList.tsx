import { useVirtualizer } from '@tanstack/react-virtual';
import { forwardRef, useCallback, useEffect, useImperativeHandle, useLayoutEffect, useRef } from 'react';
import { humanMessage } from '../../api/http.ts';
import { Spinner } from '../../ui/Button.tsx';
import { ArrowDownIcon } from '../../ui/icons.tsx';
import { RowView, type RowActions } from './MessageRow.tsx';
import { kindOf } from './Attachments.tsx';
import type { Attachment } from '../../api/types.ts';
import type { Row } from './rows.ts';

export interface MessageListHandle {
  scrollToEnd(): void;
  /** Brings the message with this seq into the middle of the view; false when it is not loaded. */
  scrollToSeq(seq: number): boolean;
}

/** Within this many px of the end counts as "at the latest". */
const AT_END_PX = 64;
/** Load the next older page when the first rendered row is this close to the top. */
const LOAD_OLDER_ROWS = 15;

function estimate(row: Row | undefined): number {
  if (!row) return 40;
  if (row.kind === 'day') return 44;
  if (row.kind === 'unread') return 32;
  const body = row.kind === 'message' ? row.message.body : row.item.body;
  const lines = body ? Math.max(1, Math.ceil(body.length / 60)) + (body.match(/\n/g)?.length ?? 0) : 0;
  return (
    (row.head ? 30 : 10) + Math.max(1, lines) * 21 + (row.kind === 'pending' && row.item.status === 'failed' ? 26 : 0) +
    filesHeight(row.kind === 'message' ? row.message.attachments : row.item.attachments, row.kind === 'pending')
  );
}

/** Room the files take (measured once rendered; a close guess keeps the scroll from jumping). */
function filesHeight(files: readonly Attachment[] | undefined, pending: boolean): number {
  if (!files?.length) return 0;
  if (pending) return files.length * 20;
  let h = 8;
  for (const f of files) {
    const kind = kindOf(f.contentType);
    h += kind === 'image' || kind === 'video' ? 246 : kind === 'audio' ? 46 : 58;
  }
  return h;
}

/**
 * The virtualised history. Anchored to the end: older pages prepend without moving what is on screen,
 * new messages follow while at the end, and a "Jump to latest" button (with the count of new messages)
 * shows when scrolled up.
 */
export const MessageList = forwardRef<
  MessageListHandle,
  {
    rows: Row[];
    actions: RowActions;
    hasOlder: boolean;
    loadingOlder: boolean;
    olderError: unknown;
    onLoadOlder: () => void;
    atEnd: boolean;
    onAtEndChange: (atEnd: boolean) => void;
    newCount: number;
  }
>(function MessageList({ rows, actions, hasOlder, loadingOlder, olderError, onLoadOlder, atEnd, onAtEndChange, newCount }, ref) {
  const scroller = useRef<HTMLDivElement>(null);
  const rowsRef = useRef(rows);
  rowsRef.current = rows;

  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: (i) => estimate(rowsRef.current[i]),
    getItemKey: (i) => rowsRef.current[i]?.key ?? i,
    overscan: 10,
    anchorTo: 'end',
    followOnAppend: true,
    scrollEndThreshold: AT_END_PX,
    paddingStart: 8,
    paddingEnd: 12,
  });

  const scrollToEnd = useCallback(() => {
    virtualizer.scrollToEnd();
  }, [virtualizer]);
  const scrollToSeq = useCallback(
    (seq: number) => {
      const i = rowsRef.current.findIndex((r) => r.kind === 'message' && r.message.seq === seq);
      if (i < 0) return false;
      virtualizer.scrollToIndex(i, { align: 'center' });
      return true;
    },
    [virtualizer],
  );
  useImperativeHandle(ref, () => ({ scrollToEnd, scrollToSeq }), [scrollToEnd, scrollToSeq]);

  // Start at the latest message.
  const started = useRef(false);
  useLayoutEffect(() => {
    if (started.current || rows.length === 0) return;
    started.current = true;
    virtualizer.scrollToEnd();
  }, [rows.length, virtualizer]);

  const items = virtualizer.getVirtualItems();
  const firstIndex = items[0]?.index ?? 0;

  useEffect(() => {
    if (started.current && hasOlder && !loadingOlder && !olderError && firstIndex < LOAD_OLDER_ROWS) onLoadOlder();
  }, [firstIndex, hasOlder, loadingOlder, olderError, onLoadOlder, rows.length]);

  const onScroll = () => {
    const el = scroller.current;
    if (!el) return;
    const end = el.scrollHeight - el.scrollTop - el.clientHeight <= AT_END_PX;
    if (end !== atEnd) onAtEndChange(end);
  };

  return (
    <div className="relative min-h-0 flex-1">
      <div
        ref={scroller}
        onScroll={onScroll}
        role="region"
        aria-label="Messages"
        tabIndex={0}
        className="h-full overflow-y-auto overscroll-contain [overflow-anchor:none] focus-visible:outline-2 focus-visible:outline-offset-[-2px]"
      >
        {hasOlder || loadingOlder || olderError ? (
          <div className="absolute inset-x-0 top-1 z-10 flex justify-center pointer-events-none">
            {loadingOlder ? (
              <span className="rounded-full bg-background/90 p-1.5 shadow text-muted-foreground">
                <Spinner className="h-4 w-4" label="Loading older messages" />
              </span>
            ) : olderError ? (
              <button
                type="button"
                onClick={onLoadOlder}
                className="pointer-events-auto rounded-full bg-danger-soft px-3 py-1 text-xs text-danger shadow cursor-pointer"
              >
                {humanMessage(olderError)} Retry
              </button>
            ) : null}
          </div>
        ) : null}
        {!hasOlder && rows.length > 0 ? (
          <p className="sr-only">Beginning of the conversation</p>
        ) : null}
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative', width: '100%' }}>
          {items.map((item) => {
            const row = rows[item.index];
            if (!row) return null;
            return (
              <div
                key={item.key}
                data-index={item.index}
                ref={virtualizer.measureElement}
                style={{ position: 'absolute', top: 0, left: 0, width: '100%', transform: `translateY(${item.start}px)` }}
              >
                <RowView row={row} actions={actions} />
              </div>
            );
          })}
        </div>
      </div>
      {!atEnd ? (
        <button
          type="button"
          onClick={scrollToEnd}
          aria-label={newCount > 0 ? `Jump to latest, ${newCount} new ${newCount === 1 ? 'message' : 'messages'}` : 'Jump to latest'}
          className="absolute bottom-4 right-4 z-10 inline-flex items-center gap-1.5 rounded-full border border-border bg-background px-3 py-2 text-sm font-medium shadow-lg hover:bg-muted focus-visible:outline-2 focus-visible:outline-ring cursor-pointer animate-pop-in"
        >
          <ArrowDownIcon className="h-4 w-4" />
          {newCount > 0 ? (
            <span className="rounded-full bg-primary px-1.5 text-xs font-semibold text-primary-foreground">{newCount}</span>
          ) : null}
          <span className="sr-only sm:not-sr-only">Latest</span>
        </button>
      ) : null}
    </div>
  );
});
