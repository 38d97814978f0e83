import { useId, useState, type FormEvent } from 'react';
import { humanMessage } from '../../api/http.ts';
import { Button } from '../../ui/Button.tsx';
import { Dialog } from '../../ui/Dialog.tsx';
import { inputClass } from '../../ui/Input.tsx';
import { cn } from '../../ui/cn.ts';
import { MAX_BODY } from '../messages/Composer.tsx';
import { fromLocalInput, quickPicks, sendAtProblem, toLocalInput } from './time.ts';

/**
 * Picks when to send (a date-time with quick picks) and, when editing, the text too. `onSubmit` gets the trimmed
 * body and the time; its error (a problem from the server) is shown in the dialog, which stays open.
 */
export function ScheduleDialog({
  title,
  submitLabel,
  initialBody,
  initialAt,
  editBody,
  onSubmit,
  onClose,
}: {
  title: string;
  submitLabel: string;
  initialBody: string;
  initialAt: Date | null;
  /** Show the text as an editable field (editing a scheduled message), else as a preview. */
  editBody: boolean;
  onSubmit: (body: string, at: Date) => Promise<void>;
  onClose: () => void;
}) {
  const [body, setBody] = useState(initialBody);
  const [when, setWhen] = useState(initialAt ? toLocalInput(initialAt) : '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const bodyId = useId();
  const whenId = useId();
  const picks = quickPicks(new Date());

  async function submit(e: FormEvent) {
    e.preventDefault();
    // React bubbles events through portals: opened from the composer, this submit would also submit (send) its form.
    e.stopPropagation();
    const at = fromLocalInput(when);
    const problem = sendAtProblem(at, new Date());
    const text = body.trim();
    if (problem || !at) {
      setError(problem);
      return;
    }
    if (!text) {
      setError('Write something to send.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await onSubmit(text, at);
    } catch (err) {
      setError(humanMessage(err));
      setBusy(false);
    }
  }

  return (
    <Dialog open onOpenChange={(o) => (o ? undefined : onClose())} title={title}>
      <form onSubmit={submit} noValidate aria-label={title} className="flex flex-col gap-3 px-5 pb-5">
        {editBody ? (
          <div className="flex flex-col gap-1.5">
            <label htmlFor={bodyId} className="text-sm font-medium">
              Message
            </label>
            <textarea
              id={bodyId}
              value={body}
              maxLength={MAX_BODY}
              rows={3}
              onChange={(e) => setBody(e.target.value)}
              className={cn(inputClass, 'h-auto py-2 resize-y')}
            />
          </div>
        ) : (
          <p className="max-h-24 overflow-hidden rounded-lg bg-muted px-3 py-2 text-sm whitespace-pre-wrap break-words" data-testid="schedule-preview">
            {body}
          </p>
        )}
        <div className="flex flex-col gap-1.5">
          <label htmlFor={whenId} className="text-sm font-medium">
            Send at
          </label>
          <input
            id={whenId}
            type="datetime-local"
            step={1}
            value={when}
            onChange={(e) => setWhen(e.target.value)}
            className={inputClass}
            aria-invalid={error ? true : undefined}
          />
          <div className="flex flex-wrap gap-2" role="group" aria-label="Quick picks">
            {picks.map((p) => (
              <Button key={p.label} variant="secondary" size="sm" onClick={() => setWhen(toLocalInput(p.at))}>
                {p.label}
              </Button>
            ))}
          </div>
        </div>
        {error ? (
          <p role="alert" className="text-sm text-danger">
            {error}
          </p>
        ) : null}
        <div className="flex justify-end gap-2">
          <Button variant="ghost" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={busy}>
            {submitLabel}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
