import { forwardRef, useEffect, useImperativeHandle, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { UUID } from '../../api/types.ts';
import { cn } from '../../ui/cn.ts';
import { SendIcon } from '../../ui/icons.tsx';
import { ScheduleButton } from '../schedule/ScheduleButton.tsx';

export const MAX_BODY = 4000;
const SHOW_COUNTER_FROM = 3000;

/** Drafts survive switching conversations (not reloads). */
const drafts = new Map<UUID, string>();

export interface ComposerHandle {
  focus(): void;
}

/** Enter sends, Shift+Enter is a new line; at most 4000 characters. */
export const Composer = forwardRef<
  ComposerHandle,
  { conversationId: UUID; onSend: (body: string) => void; onEditLast?: () => boolean; placeholder?: string }
>(
  function Composer({ conversationId, onSend, onEditLast, placeholder }, ref) {
    const [text, setText] = useState(() => drafts.get(conversationId) ?? '');
    const area = useRef<HTMLTextAreaElement>(null);
    useImperativeHandle(ref, () => ({ focus: () => area.current?.focus() }), []);

    useEffect(() => {
      setText(drafts.get(conversationId) ?? '');
    }, [conversationId]);

    useLayoutEffect(() => {
      const el = area.current;
      if (!el) return;
      el.style.height = 'auto';
      el.style.height = `${Math.min(el.scrollHeight, 200)}px`;
    }, [text]);

    function update(v: string) {
      setText(v);
      if (v) drafts.set(conversationId, v);
      else drafts.delete(conversationId);
    }

    function send() {
      const body = text.trim();
      if (!body || body.length > MAX_BODY) return;
      onSend(body);
      update('');
      area.current?.focus();
    }

    function onKeyDown(e: KeyboardEvent<HTMLTextAreaElement>) {
      if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing && e.keyCode !== 229) {
        e.preventDefault();
        send();
      } else if (e.key === 'ArrowUp' && !text && onEditLast?.()) {
        e.preventDefault();
      }
    }

    const length = text.length;
    const showCounter = length >= SHOW_COUNTER_FROM;
    const counterId = `composer-counter-${conversationId}`;
    return (
      <form
        className="border-t border-border bg-background px-3 py-3 sm:px-5"
        onSubmit={(e) => {
          e.preventDefault();
          send();
        }}
      >
        <div className="flex items-end gap-2 rounded-2xl border border-border bg-surface px-2 py-1.5 focus-within:border-ring focus-within:ring-2 focus-within:ring-ring/25">
          <textarea
            ref={area}
            aria-label="Message"
            aria-describedby={showCounter ? counterId : undefined}
            rows={1}
            maxLength={MAX_BODY}
            value={text}
            placeholder={placeholder ?? 'Write a message'}
            onChange={(e) => update(e.target.value)}
            onKeyDown={onKeyDown}
            className="max-h-[200px] min-h-9 flex-1 resize-none bg-transparent px-2 py-1.5 text-[15px] leading-snug text-foreground placeholder:text-muted-foreground focus:outline-none"
          />
          <ScheduleButton conversationId={conversationId} text={text} onScheduled={() => update('')} />
          <button
            type="submit"
            aria-label="Send"
            disabled={!text.trim()}
            className={cn(
              'mb-0.5 inline-flex h-9 w-9 shrink-0 items-center justify-center rounded-xl transition-colors',
              'bg-primary text-primary-foreground hover:bg-primary-hover disabled:bg-muted disabled:text-muted-foreground',
              'focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring cursor-pointer disabled:cursor-not-allowed',
            )}
          >
            <SendIcon className="h-4.5 w-4.5" />
          </button>
        </div>
        <div className="mt-1 flex justify-between px-2 text-[11px] text-muted-foreground">
          <span className="hidden sm:inline">Enter to send · Shift+Enter for a new line</span>
          <span
            id={counterId}
            className={cn(!showCounter && 'invisible', length >= MAX_BODY && 'font-semibold text-danger')}
            aria-live={length >= MAX_BODY ? 'polite' : 'off'}
          >
            {length.toLocaleString()} / {MAX_BODY.toLocaleString()}
            {length >= MAX_BODY ? ' — limit reached' : ''}
          </span>
        </div>
      </form>
    );
  },
);
