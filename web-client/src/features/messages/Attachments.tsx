import { useEffect, useRef, useState } from 'react';
import { isApiError } from '../../api/http.ts';
import { mediaCache, REFRESH_BEFORE_MS } from '../../api/media.ts';
import type { Attachment, MediaView, UUID } from '../../api/types.ts';
import { cn } from '../../ui/cn.ts';
import { formatBytes } from '../../ui/format.ts';
import { DownloadIcon, FileIcon } from '../../ui/icons.tsx';

type MediaState =
  | { kind: 'loading' }
  | { kind: 'ready'; view: MediaView }
  /** 404: not the caller's to see any more (the message was deleted, or the caller left), or gone. */
  | { kind: 'unavailable' }
  | { kind: 'error' };

/**
 * A file's presigned URL, fetched when it is rendered (through the shared cache) and fetched again shortly
 * before it expires while the attachment stays on screen. `refresh` asks again at once (a load that failed).
 */
function useMediaView(mediaId: UUID): [MediaState, () => void] {
  const [state, setState] = useState<MediaState>(() => {
    const cached = mediaCache.peek(mediaId);
    return cached ? { kind: 'ready', view: cached } : { kind: 'loading' };
  });
  const [round, setRound] = useState(0);
  useEffect(() => {
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    mediaCache.get(mediaId).then(
      (view) => {
        if (!live) return;
        setState((s) => (s.kind === 'ready' && s.view.downloadUrl === view.downloadUrl ? s : { kind: 'ready', view }));
        if (view.downloadUrlExpiresAt) {
          const ms = Date.parse(view.downloadUrlExpiresAt) - Date.now() - REFRESH_BEFORE_MS;
          timer = setTimeout(() => setRound((r) => r + 1), Math.max(5_000, ms + 1_000));
        }
      },
      (e: unknown) => {
        if (!live) return;
        setState(isApiError(e) && (e.status === 404 || e.status === 403) ? { kind: 'unavailable' } : { kind: 'error' });
      },
    );
    return () => {
      live = false;
      if (timer !== undefined) clearTimeout(timer);
    };
  }, [mediaId, round]);
  return [state, () => setRound((r) => r + 1)];
}

export function kindOf(contentType: string): 'image' | 'video' | 'audio' | 'file' {
  const type = contentType.split(';')[0]!.trim().toLowerCase();
  if (type.startsWith('image/')) return 'image';
  if (type === 'video/mp4') return 'video';
  if (type === 'audio/mpeg') return 'audio';
  return 'file';
}

/** The files of a message, under its text: images and players inline, other files as cards. */
export function AttachmentList({ attachments, mine }: { attachments: readonly Attachment[]; mine: boolean }) {
  return (
    <ul aria-label="Attachments" className={cn('my-1 flex flex-col gap-1.5', mine ? 'items-end' : 'items-start')}>
      {attachments.map((a) => (
        <li key={a.mediaId} data-testid="attachment" data-kind={kindOf(a.contentType)} className="max-w-full">
          <AttachmentView attachment={a} />
        </li>
      ))}
    </ul>
  );
}

function AttachmentView({ attachment: a }: { attachment: Attachment }) {
  const [state, refresh] = useMediaView(a.mediaId);
  const kind = kindOf(a.contentType);
  // A video or song keeps the URL it started with: a new one would restart the player.
  const mediaSrc = useRef<string | null>(null);
  // An image that did not load may have met an expired URL: ask for a fresh one once.
  const retried = useRef(false);

  if (state.kind === 'unavailable' || state.kind === 'error') {
    return (
      <FileCard attachment={a}>
        <span data-testid="attachment-unavailable" className="text-xs text-danger">
          {state.kind === 'unavailable' ? 'Unavailable' : 'Could not load'}
        </span>
      </FileCard>
    );
  }
  const url = state.kind === 'ready' ? state.view.downloadUrl : null;
  if (kind !== 'file' && !url) {
    return (
      <div
        data-testid="attachment-loading"
        className={cn('animate-pulse rounded-lg bg-muted', kind === 'audio' ? 'h-10 w-64' : 'h-40 w-60 max-w-full')}
      >
        <span className="sr-only">Loading {a.filename}</span>
      </div>
    );
  }
  if (kind === 'image') {
    return (
      <a
        href={url!}
        target="_blank"
        rel="noopener noreferrer"
        aria-label={`Open ${a.filename} full size`}
        className="block overflow-hidden rounded-lg focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring"
      >
        <img
          src={url!}
          alt={a.filename}
          loading="lazy"
          decoding="async"
          onError={() => {
            if (retried.current) return;
            retried.current = true;
            mediaCache.forget(a.mediaId);
            refresh();
          }}
          className="block h-auto max-h-80 w-auto max-w-[min(320px,100%)] rounded-lg bg-muted object-contain"
        />
      </a>
    );
  }
  if (kind === 'video' || kind === 'audio') {
    mediaSrc.current ??= url;
    return kind === 'video' ? (
      <video
        src={mediaSrc.current!}
        controls
        preload="metadata"
        aria-label={a.filename}
        className="block max-h-80 w-[320px] max-w-full rounded-lg bg-black"
      />
    ) : (
      <audio src={mediaSrc.current!} controls preload="metadata" aria-label={a.filename} className="w-64 max-w-full" />
    );
  }
  return (
    <FileCard attachment={a}>
      {url ? (
        <a
          href={url}
          download={a.filename}
          target="_blank"
          rel="noopener noreferrer"
          aria-label={`Download ${a.filename}`}
          className="inline-flex h-8 w-8 shrink-0 items-center justify-center rounded-lg text-primary hover:bg-muted focus-visible:outline-2 focus-visible:outline-ring"
        >
          <DownloadIcon className="h-4.5 w-4.5" />
        </a>
      ) : (
        <span data-testid="attachment-loading" className="h-8 w-8 shrink-0 animate-pulse rounded-lg bg-muted">
          <span className="sr-only">Loading {a.filename}</span>
        </span>
      )}
    </FileCard>
  );
}

function FileCard({ attachment: a, children }: { attachment: Attachment; children: React.ReactNode }) {
  return (
    <div
      data-testid="file-card"
      className="flex w-64 max-w-full items-center gap-2.5 rounded-xl border border-border bg-background px-2.5 py-2 text-foreground"
    >
      <FileIcon className="h-7 w-7 shrink-0 text-muted-foreground" />
      <span className="min-w-0 flex-1">
        <span className="block truncate text-sm font-medium" title={a.filename}>
          {a.filename}
        </span>
        <span className="block text-xs text-muted-foreground">{formatBytes(a.sizeBytes)}</span>
      </span>
      {children}
    </div>
  );
}
