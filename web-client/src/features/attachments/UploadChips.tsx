import { cn } from '../../ui/cn.ts';
import { formatBytes } from '../../ui/format.ts';
import { AlertIcon, CheckIcon, FileIcon, XIcon } from '../../ui/icons.tsx';
import type { Chips } from './uploads.ts';

/** The files waiting in the composer: name, size, progress or error, and an x that drops (and stops) one. */
export function UploadChips({
  chips,
  onRemove,
  tooMany,
  max,
}: {
  chips: Chips;
  onRemove: (key: string) => void;
  tooMany: boolean;
  max: number;
}) {
  return (
    <div className="mb-2">
      <ul aria-label="Files to send" className="flex flex-wrap gap-2">
        {chips.map((c) => {
          const percent = Math.round(c.progress * 100);
          const errorId = `${c.key}-error`;
          return (
            <li
              key={c.key}
              data-testid="upload-chip"
              data-status={c.status}
              aria-describedby={c.error ? errorId : undefined}
              className={cn(
                'flex max-w-64 items-center gap-2 rounded-xl border bg-surface py-1.5 pl-2 pr-1 text-sm',
                c.status === 'failed' ? 'border-danger/60' : 'border-border',
              )}
            >
              {c.status === 'failed' ? (
                <AlertIcon className="h-4.5 w-4.5 shrink-0 text-danger" />
              ) : c.status === 'ready' ? (
                <CheckIcon className="h-4.5 w-4.5 shrink-0 text-success" />
              ) : (
                <FileIcon className="h-4.5 w-4.5 shrink-0 text-muted-foreground" />
              )}
              <span className="min-w-0 flex-1">
                <span className="block truncate font-medium" title={c.filename}>
                  {c.filename}
                </span>
                <span className="block text-xs text-muted-foreground">
                  {formatBytes(c.sizeBytes)}
                  {c.status === 'uploading' ? ` · ${percent}%` : ''}
                </span>
                {c.status === 'uploading' ? (
                  <span
                    role="progressbar"
                    aria-label={`Uploading ${c.filename}`}
                    aria-valuemin={0}
                    aria-valuemax={100}
                    aria-valuenow={percent}
                    className="mt-1 block h-1 w-full overflow-hidden rounded-full bg-muted"
                  >
                    <span className="block h-full rounded-full bg-primary transition-[width]" style={{ width: `${percent}%` }} />
                  </span>
                ) : null}
                {c.error ? (
                  <span id={errorId} role="alert" className="block text-xs text-danger">
                    {c.error}
                  </span>
                ) : null}
              </span>
              <button
                type="button"
                aria-label={`Remove ${c.filename}`}
                onClick={() => onRemove(c.key)}
                className="inline-flex h-6 w-6 shrink-0 items-center justify-center rounded-md text-muted-foreground hover:bg-muted hover:text-foreground focus-visible:outline-2 focus-visible:outline-ring cursor-pointer"
              >
                <XIcon className="h-3.5 w-3.5" />
              </button>
            </li>
          );
        })}
      </ul>
      {tooMany ? (
        <p role="status" className="mt-1 px-1 text-xs text-danger">
          At most {max} files per message.
        </p>
      ) : null}
    </div>
  );
}
