import { describe, expect, it, vi } from 'vitest';
import type { TokenResponse } from '../../api/types.ts';
import { createSessionManager, SESSION_KEY, type StoredSession } from './session.ts';

function sharedStorage() {
  const m = new Map<string, string>();
  return {
    getItem: (k: string) => m.get(k) ?? null,
    setItem: (k: string, v: string) => void m.set(k, v),
    removeItem: (k: string) => void m.delete(k),
  };
}

/** A Web Locks stand-in: one holder at a time, FIFO. */
function fakeLocks() {
  let tail: Promise<unknown> = Promise.resolve();
  return {
    request<T>(_name: string, cb: () => Promise<T>): Promise<T> {
      const run = tail.then(cb, cb);
      tail = run.catch(() => undefined);
      return run;
    },
  };
}

function tokens(n: number): TokenResponse {
  return { accessToken: `access-${n}`, refreshToken: `refresh-${n}`, expiresIn: 900, tokenType: 'Bearer', userId: 'u1' };
}

function seed(storage: ReturnType<typeof sharedStorage>, s: Partial<StoredSession> = {}) {
  storage.setItem(
    SESSION_KEY,
    JSON.stringify({ accessToken: 'access-0', refreshToken: 'refresh-0', expiresAt: Date.now() + 900_000, userId: 'u1', ...s }),
  );
}

describe('session tokens', () => {
  it('concurrent refreshes in one tab are a single flight', async () => {
    const storage = sharedStorage();
    seed(storage);
    let n = 0;
    const refreshCall = vi.fn(async () => {
      await new Promise((r) => setTimeout(r, 5));
      return tokens(++n);
    });
    const s = createSessionManager({ storage, locks: fakeLocks(), refreshCall });
    const results = await Promise.all([s.refresh('access-0'), s.refresh('access-0'), s.refresh('access-0')]);
    expect(refreshCall).toHaveBeenCalledTimes(1);
    expect(results).toEqual(['access-1', 'access-1', 'access-1']);
    expect(JSON.parse(storage.getItem(SESSION_KEY)!).refreshToken).toBe('refresh-1');
  });

  it('two tabs: the second adopts the first tab\'s rotation instead of reusing the refresh token', async () => {
    const storage = sharedStorage();
    seed(storage);
    const locks = fakeLocks();
    const used: string[] = [];
    let n = 0;
    const refreshCall = async (rt: string) => {
      used.push(rt);
      await new Promise((r) => setTimeout(r, 5));
      return tokens(++n);
    };
    const tabA = createSessionManager({ storage, locks, refreshCall });
    const tabB = createSessionManager({ storage, locks, refreshCall });
    const [a, b] = await Promise.all([tabA.refresh('access-0'), tabB.refresh('access-0')]);
    expect(used).toEqual(['refresh-0']); // refresh-0 presented once: the family survives
    expect(a).toBe('access-1');
    expect(b).toBe('access-1');
    expect(tabB.get()?.refreshToken).toBe('refresh-1');
  });

  it('follows another tab through storage events (sign-in, rotation, sign-out)', () => {
    const storage = sharedStorage();
    const s = createSessionManager({ storage, refreshCall: async () => tokens(1) });
    const listener = vi.fn();
    s.subscribe(listener);
    seed(storage, { accessToken: 'other-tab' });
    s.onStorage({ key: SESSION_KEY });
    expect(s.get()?.accessToken).toBe('other-tab');
    storage.removeItem(SESSION_KEY);
    s.onStorage({ key: SESSION_KEY });
    expect(s.get()).toBeNull();
    expect(listener).toHaveBeenCalledTimes(2);
  });

  it('a refused refresh token signs out', async () => {
    const storage = sharedStorage();
    seed(storage);
    const s = createSessionManager({
      storage,
      refreshCall: async () => {
        throw Object.assign(new Error('revoked'), { status: 401 });
      },
    });
    expect(await s.refresh('access-0')).toBeNull();
    expect(s.get()).toBeNull();
    expect(s.lastEnd).toBe('expired');
    expect(storage.getItem(SESSION_KEY)).toBeNull();
  });

  it('a token about to expire is refreshed before use; a fresh one is not', async () => {
    const storage = sharedStorage();
    let now = 1_000_000;
    seed(storage, { expiresAt: now + 600_000 });
    const refreshCall = vi.fn(async () => tokens(1));
    const s = createSessionManager({ storage, refreshCall, now: () => now });
    expect(await s.getAccessToken()).toBe('access-0');
    now += 595_000;
    expect(await s.getAccessToken()).toBe('access-1');
    expect(refreshCall).toHaveBeenCalledTimes(1);
  });

  it('schedules the refresh 60 s before expiry', () => {
    const storage = sharedStorage();
    const now = 5_000_000;
    seed(storage, { expiresAt: now + 900_000 });
    const timers: number[] = [];
    const s = createSessionManager({
      storage,
      refreshCall: async () => tokens(1),
      now: () => now,
      setTimeout: (_fn, ms) => {
        timers.push(ms);
        return timers.length;
      },
      clearTimeout: () => {},
    });
    s.setScheduling(true);
    expect(timers).toEqual([840_000]);
  });
});
