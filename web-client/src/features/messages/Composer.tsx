import {
  forwardRef,
  useEffect,
  useImperativeHandle,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
  type ClipboardEvent,
  type DragEvent,
  type KeyboardEvent,
} from 'react';
import { mediaApi } from '../../api/media.ts';
import type { Attachment, UUID } from '../../api/types.ts';
import { canSend, MAX_ATTACHMENTS, readyAttachments, UploadQueue, type UploadApi } from '../attachments/uploads.ts';
import { UploadChips } from '../attachments/UploadChips.tsx';
import type { DraftStore } from '../drafts/draftStore.ts';
import { useComposerDraft } from '../drafts/useComposerDraft.ts';
import { insertMention, mentionQuery, suggestions, type Mentionable } from '../mentions/mentions.ts';
import { cn } from '../../ui/cn.ts';
import { PaperclipIcon, SendIcon } from '../../ui/icons.tsx';
import { ScheduleButton } from '../schedule/ScheduleButton.tsx';

export const MAX_BODY = 4000;
const SHOW_COUNTER_FROM = 3000;

export interface ComposerHandle {
  focus(): void;
  /** Files dropped elsewhere on the conversation: attached here. */
  addFiles(files: readonly File[]): void;
}

/** The files a drag carries (not text or a link being dragged). */
export function dragHasFiles(e: DragEvent): boolean {
  return Array.from(e.dataTransfer?.types ?? []).includes('Files');
}

/**
 * Enter sends, Shift+Enter is a new line; at most 4000 characters. The text is kept as the caller's draft (`drafts`).
 * Files (the paperclip, a paste or a drop) upload at once and go with the next send.
 */
export const Composer = forwardRef<
  ComposerHandle,
  {
    conversationId: UUID;
    /** `attachments`: the READY uploads (the body may be "" then). */
    onSend: (body: string, attachments: Attachment[]) => void;
    onEditLast?: () => boolean;
    placeholder?: string;
    /** The text box's accessible name ("Message"; "Reply" in a thread). */
    label?: string;
    /** Whose draft this composer holds: the conversation's (synced through `drafts`) by default; a thread's, kept in memory. */
    draftKey?: string;
    drafts?: DraftStore;
    /** Members the "@" picker offers (the caller left out). */
    mentionables?: readonly Mentionable[];
    me?: UUID;
    /** The media calls (tests pass a fake). */
    uploadApi?: UploadApi;
  }
>(
  function Composer(
    { conversationId, onSend, onEditLast, placeholder, label = 'Message', draftKey = conversationId, drafts, mentionables, me = '', uploadApi = mediaApi },
    ref,
  ) {
    const { text, setText: update, clear } = useComposerDraft(draftKey, drafts);
    const area = useRef<HTMLTextAreaElement>(null);
    const fileInput = useRef<HTMLInputElement>(null);
    // One set of chips per draft: switching conversation drops (and stops) the other's uploads.
    const uploads = useMemo(() => new UploadQueue(uploadApi), [draftKey, uploadApi]);
    useEffect(() => () => uploads.clear(), [uploads]);
    const chips = useSyncExternalStore(uploads.subscribe, uploads.getSnapshot);
    const [tooMany, setTooMany] = useState(false);
    function addFiles(files: readonly File[]) {
      if (files.length === 0) return;
      setTooMany(uploads.add(files) > 0);
    }
    // The "@" picker: the token at the caret, the members matching it, the highlighted one; Escape hides it.
    const [caret, setCaret] = useState(0);
    const [active, setActive] = useState(0);
    const [dismissedAt, setDismissedAt] = useState<number | null>(null);
    const query = mentionables ? mentionQuery(text, caret) : null;
    const options = useMemo(
      () => (query && mentionables ? suggestions(mentionables, query.query, me) : []),
      [query?.query, mentionables, me],
    );
    const picking = !!query && options.length > 0 && dismissedAt !== query.start;
    const listId = `mentions-${draftKey}`;

    function pick(m: Mentionable) {
      if (!query) return;
      const next = insertMention(text, query.start, caret, m.username);
      update(next.text);
      setCaret(next.caret);
      requestAnimationFrame(() => area.current?.setSelectionRange(next.caret, next.caret));
    }
    useImperativeHandle(ref, () => ({ focus: () => area.current?.focus(), addFiles }));

    useLayoutEffect(() => {
      const el = area.current;
      if (!el) return;
      el.style.height = 'auto';
      el.style.height = `${Math.min(el.scrollHeight, 200)}px`;
    }, [text]);

    const sendable = canSend(text, chips);
    function send() {
      const body = text.trim();
      if (!sendable || body.length > MAX_BODY) return;
      onSend(body, readyAttachments(chips));
      clear();
      // The files now travel with the queued message (shown pending, retried with it): the chips are done.
      uploads.clear();
      setTooMany(false);
      area.current?.focus();
    }

    function onPaste(e: ClipboardEvent<HTMLTextAreaElement>) {
      const files = Array.from(e.clipboardData?.files ?? []);
      if (files.length === 0) return; // plain text pastes as usual
      e.preventDefault();
      addFiles(files);
    }

    function onKeyDown(e: KeyboardEvent<HTMLTextAreaElement>) {
      if (picking) {
        if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
          e.preventDefault();
          const step = e.key === 'ArrowDown' ? 1 : options.length - 1;
          setActive((a) => (Math.min(a, options.length - 1) + step) % options.length);
          return;
        }
        if (e.key === 'Enter' || e.key === 'Tab') {
          e.preventDefault();
          pick(options[Math.min(active, options.length - 1)]!);
          return;
        }
        if (e.key === 'Escape') {
          e.preventDefault();
          setDismissedAt(query!.start);
          return;
        }
      }
      if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing && e.keyCode !== 229) {
        e.preventDefault();
        send();
      } else if (e.key === 'ArrowUp' && !text && onEditLast?.()) {
        e.preventDefault();
      }
    }

    const length = text.length;
    const showCounter = length >= SHOW_COUNTER_FROM;
    const counterId = `composer-counter-${draftKey}`;
    return (
      <form
        className="border-t border-border bg-background px-3 py-3 sm:px-5"
        onSubmit={(e) => {
          e.preventDefault();
          send();
        }}
        onDragOver={(e) => {
          if (dragHasFiles(e)) e.preventDefault();
        }}
        onDrop={(e) => {
          if (!dragHasFiles(e)) return;
          e.preventDefault(); // the conversation around sees it was taken
          addFiles(Array.from(e.dataTransfer.files));
        }}
      >
        {chips.length || tooMany ? (
          <UploadChips chips={chips} onRemove={(key) => uploads.remove(key)} tooMany={tooMany} max={MAX_ATTACHMENTS} />
        ) : null}
        <div className="relative flex items-end gap-2 rounded-2xl border border-border bg-surface px-2 py-1.5 focus-within:border-ring focus-within:ring-2 focus-within:ring-ring/25">
          {picking ? (
            <ul
              id={listId}
              role="listbox"
              aria-label="Mention someone"
              className="absolute bottom-full left-0 z-30 mb-2 w-72 overflow-hidden rounded-xl border border-border bg-background p-1 shadow-xl"
            >
              {options.map((m, i) => (
                <li
                  key={m.userId}
                  id={`${listId}-${i}`}
                  role="option"
                  aria-selected={i === Math.min(active, options.length - 1)}
                  onMouseDown={(e) => {
                    e.preventDefault();
                    pick(m);
                  }}
                  className={cn(
                    'flex cursor-pointer items-baseline gap-2 rounded-lg px-2 py-1.5 text-sm',
                    i === Math.min(active, options.length - 1) ? 'bg-accent text-accent-foreground' : 'hover:bg-muted',
                  )}
                >
                  <span className="font-medium">{m.displayName || m.username}</span>
                  <span className="text-xs text-muted-foreground">@{m.username}</span>
                </li>
              ))}
            </ul>
          ) : null}
          <button
            type="button"
            aria-label="Attach files"
            title="Attach files"
            disabled={chips.length >= MAX_ATTACHMENTS}
            onClick={() => fileInput.current?.click()}
            className={cn(
              'mb-0.5 inline-flex h-9 w-9 shrink-0 items-center justify-center rounded-xl text-muted-foreground transition-colors',
              'hover:bg-muted hover:text-foreground disabled:opacity-50 disabled:hover:bg-transparent',
              'focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring cursor-pointer disabled:cursor-not-allowed',
            )}
          >
            <PaperclipIcon className="h-5 w-5" />
          </button>
          <input
            ref={fileInput}
            type="file"
            multiple
            hidden
            data-testid="attach-input"
            onChange={(e) => {
              addFiles(Array.from(e.target.files ?? []));
              e.target.value = ''; // the same file can be picked again
            }}
          />
          <textarea
            ref={area}
            onPaste={onPaste}
            aria-label={label}
            aria-autocomplete={mentionables ? 'list' : undefined}
            aria-controls={picking ? listId : undefined}
            aria-expanded={mentionables ? picking : undefined}
            aria-activedescendant={picking ? `${listId}-${Math.min(active, options.length - 1)}` : undefined}
            onSelect={(e) => setCaret(e.currentTarget.selectionStart)}
            aria-describedby={showCounter ? counterId : undefined}
            rows={1}
            maxLength={MAX_BODY}
            value={text}
            placeholder={placeholder ?? 'Write a message'}
            onChange={(e) => {
              update(e.target.value);
              setCaret(e.target.selectionStart);
              setActive(0);
            }}
            onKeyDown={onKeyDown}
            className="max-h-[200px] min-h-9 flex-1 resize-none bg-transparent px-2 py-1.5 text-[15px] leading-snug text-foreground placeholder:text-muted-foreground focus:outline-none"
          />
          <ScheduleButton conversationId={conversationId} text={text} onScheduled={() => update('')} />
          <button
            type="submit"
            aria-label={label === 'Message' ? 'Send' : `Send ${label.toLowerCase()}`}
            disabled={!sendable}
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
