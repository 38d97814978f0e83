import { describe, expect, it } from 'vitest';
import { fromLocalInput, quickPicks, refetchDelay, sendAtProblem, toLocalInput } from './time.ts';

describe('datetime-local values', () => {
  it('round-trip a local time to the second', () => {
    const d = new Date(2026, 11, 2, 7, 5, 9);
    expect(toLocalInput(d)).toBe('2026-12-02T07:05:09');
    expect(fromLocalInput(toLocalInput(d))?.getTime()).toBe(d.getTime());
  });

  it('read minute precision and refuse what is no date', () => {
    expect(fromLocalInput('2026-12-02T07:05')?.getTime()).toBe(new Date(2026, 11, 2, 7, 5, 0).getTime());
    expect(fromLocalInput('')).toBeNull();
    expect(fromLocalInput('tomorrow')).toBeNull();
    expect(fromLocalInput('2026-02-30T10:00')).toBeNull();
  });
});

describe('quick picks', () => {
  it('offer an hour from now to the minute and tomorrow at nine', () => {
    const now = new Date(2026, 11, 31, 22, 17, 42);
    const [hour, tomorrow] = quickPicks(now);
    expect(hour?.label).toBe('In 1 hour');
    expect(hour?.at).toEqual(new Date(2026, 11, 31, 23, 17, 0));
    expect(tomorrow?.label).toBe('Tomorrow 9:00');
    expect(tomorrow?.at).toEqual(new Date(2027, 0, 1, 9, 0, 0));
  });
});

describe('sendAtProblem', () => {
  const now = new Date(2026, 0, 1, 12, 0, 0);
  it('accepts the future within a year', () => {
    expect(sendAtProblem(new Date(now.getTime() + 1000), now)).toBeNull();
    expect(sendAtProblem(new Date(now.getTime() + 364 * 86_400_000), now)).toBeNull();
  });
  it('refuses nothing, now, the past and more than a year ahead', () => {
    expect(sendAtProblem(null, now)).toBe('Pick a date and time.');
    expect(sendAtProblem(now, now)).toBe('Pick a time in the future.');
    expect(sendAtProblem(new Date(now.getTime() - 1), now)).toBe('Pick a time in the future.');
    expect(sendAtProblem(new Date(now.getTime() + 366 * 86_400_000), now)).toBe('Pick a time within a year.');
  });
});

describe('refetchDelay', () => {
  const now = Date.parse('2026-01-01T12:00:00Z');
  it('is off with nothing pending', () => {
    expect(refetchDelay([], now)).toBe(false);
  });
  it('looks again just after the soonest is due, within 1 s to a minute', () => {
    expect(refetchDelay(['2026-01-01T12:00:10Z', '2026-01-01T12:00:05Z'], now)).toBe(6_500);
    expect(refetchDelay(['2026-01-01T11:59:00Z'], now)).toBe(1_000);
    expect(refetchDelay(['2026-01-01T13:00:00Z'], now)).toBe(60_000);
  });
});
