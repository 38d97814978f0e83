/** The time arithmetic of scheduling, in the browser's own time zone (what a datetime-local input shows). */

/** The server refuses a sendAt more than a year ahead. */
export const MAX_AHEAD_DAYS = 365;

const pad = (n: number) => String(n).padStart(2, '0');

/** The value of an `<input type="datetime-local" step="1">` for this moment, in local time. */
export function toLocalInput(d: Date): string {
  return (
    `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}` +
    `T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`
  );
}

/** Reads a datetime-local value (minutes or seconds) as local time; null when it is not one. */
export function fromLocalInput(value: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?$/.exec(value);
  if (!m) return null;
  const [, y, mo, d, h, mi, s] = m.map(Number) as [number, number, number, number, number, number, number];
  const date = new Date(y, mo - 1, d, h, mi, Number.isNaN(s) ? 0 : s);
  // new Date rolls over (Feb 30 -> Mar 2): such a value is no date
  return date.getMonth() === mo - 1 && date.getDate() === d ? date : null;
}

export interface QuickPick {
  label: string;
  at: Date;
}

/** "In 1 hour" (to the minute) and "Tomorrow 9:00". */
export function quickPicks(now: Date): QuickPick[] {
  const inAnHour = new Date(now.getTime() + 60 * 60 * 1000);
  inAnHour.setSeconds(0, 0);
  const tomorrow = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1, 9, 0, 0, 0);
  return [
    { label: 'In 1 hour', at: inAnHour },
    { label: 'Tomorrow 9:00', at: tomorrow },
  ];
}

/** What is wrong with this time for a scheduled message, as the server decides it; null when it is fine. */
export function sendAtProblem(at: Date | null, now: Date): string | null {
  if (!at) return 'Pick a date and time.';
  if (at.getTime() <= now.getTime()) return 'Pick a time in the future.';
  if (at.getTime() > now.getTime() + MAX_AHEAD_DAYS * 86_400_000) return 'Pick a time within a year.';
  return null;
}

/**
 * When to look at the list again: just after the soonest one is due (it is sent then and leaves the list), at
 * least 1 s and at most a minute from now; false when nothing is pending.
 */
export function refetchDelay(sendAts: readonly string[], now: number): number | false {
  if (sendAts.length === 0) return false;
  const soonest = Math.min(...sendAts.map((s) => Date.parse(s)));
  return Math.min(60_000, Math.max(1_000, soonest - now + 1_500));
}
