import { useState, type FormEvent } from 'react';
import type { MemberEntry, RestrictRequest } from '../../api/types.ts';
import { Button } from '../../ui/Button.tsx';
import { Dialog } from '../../ui/Dialog.tsx';
import { Field } from '../../ui/Input.tsx';

export type Restriction = 'ban' | 'mute';

const DURATIONS: { label: string; ms: number | null }[] = [
  { label: '1 hour', ms: 3_600_000 },
  { label: '1 day', ms: 24 * 3_600_000 },
  { label: '1 week', ms: 7 * 24 * 3_600_000 },
  { label: 'Until lifted', ms: null },
];

/** Ban or mute one member, with an optional reason (kept in the moderation log) and a duration. */
export function RestrictDialog({
  kind,
  member,
  noun,
  onCancel,
  onConfirm,
}: {
  kind: Restriction;
  member: MemberEntry;
  noun: string;
  onCancel: () => void;
  onConfirm: (restriction: RestrictRequest) => Promise<void>;
}) {
  const name = member.displayName || member.username || 'this member';
  const [reason, setReason] = useState('');
  const [duration, setDuration] = useState<number | null>(kind === 'mute' ? 3_600_000 : null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    try {
      await onConfirm({
        userId: member.userId,
        ...(reason.trim() ? { reason: reason.trim() } : {}),
        ...(duration !== null ? { expiresAt: new Date(Date.now() + duration).toISOString() } : {}),
      });
    } finally {
      setBusy(false);
    }
  }

  const verb = kind === 'ban' ? 'Ban' : 'Mute';
  return (
    <Dialog
      open
      onOpenChange={(o) => (o ? undefined : onCancel())}
      title={`${verb} ${name}`}
      description={
        kind === 'ban'
          ? `They leave the ${noun} and cannot come back, by any way, while the ban holds.`
          : `They keep reading the ${noun} but cannot post while muted.`
      }
    >
      <form onSubmit={submit} aria-label={`${verb} ${name}`} className="flex flex-col gap-3 px-5 pb-5">
        <Field label="Reason (optional)" name="reason" value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} autoFocus />
        <label className="flex flex-col gap-1.5 text-sm">
          <span className="font-medium">For</span>
          <select
            className="rounded-lg border border-border bg-background px-3 py-2"
            value={duration === null ? '' : String(duration)}
            onChange={(e) => setDuration(e.target.value === '' ? null : Number(e.target.value))}
          >
            {DURATIONS.map((d) => (
              <option key={d.label} value={d.ms ?? ''}>
                {d.label}
              </option>
            ))}
          </select>
        </label>
        <div className="flex justify-end gap-2">
          <Button variant="ghost" onClick={onCancel}>
            Cancel
          </Button>
          <Button type="submit" variant={kind === 'ban' ? 'danger' : 'primary'} loading={busy}>
            {verb}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
