import type { TokenResponse, UUID } from '../../api/types.ts';

/** What is kept in localStorage (shared by every tab of this origin). */
export interface StoredSession {
  accessToken: string;
  refreshToken: string;
  /** Epoch milliseconds when the access token expires. */
  expiresAt: number;
  userId: UUID;
}

export const SESSION_KEY = 'chat.session';
/** Refresh this long before the access token expires. */
export const REFRESH_AHEAD_MS = 60_000;
/** A token this close to expiry is refreshed before use. */
const USE_MARGIN_MS = 15_000;
const LOCK_NAME = 'chat.session.refresh';

type LockManagerLike = {
  request<T>(name: string, callback: () => Promise<T>): Promise<T>;
};

export interface SessionDeps {
  storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;
  /** Web Locks (`navigator.locks`); without it refreshes are single-flight within this tab only. */
  locks?: LockManagerLike | null;
  /** POST /api/auth/refresh. A rejection with `status` 400/401 means the token family is gone. */
  refreshCall: (refreshToken: string) => Promise<TokenResponse>;
  now?: () => number;
  setTimeout?: (fn: () => void, ms: number) => unknown;
  clearTimeout?: (handle: unknown) => void;
}

export type SessionEndReason = 'signed-out' | 'expired';

export function sessionFromTokens(t: TokenResponse, now: number): StoredSession {
  return {
    accessToken: t.accessToken,
    refreshToken: t.refreshToken,
    expiresAt: now + t.expiresIn * 1000,
    userId: t.userId,
  };
}

function parse(raw: string | null): StoredSession | null {
  if (!raw) return null;
  try {
    const s = JSON.parse(raw) as Partial<StoredSession>;
    if (typeof s.accessToken === 'string' && typeof s.refreshToken === 'string' &&
        typeof s.expiresAt === 'number' && typeof s.userId === 'string') {
      return s as StoredSession;
    }
  } catch {
    // corrupt: treat as signed out
  }
  return null;
}

export type SessionManager = ReturnType<typeof createSessionManager>;

/**
 * The tokens of this browser: one refresh at a time across all tabs (a Web Lock, and the stored tokens
 * read again inside it: a tab that finds them already rotated by another adopts them instead of
 * presenting a used refresh token, which would revoke the whole family), a refresh scheduled
 * {@link REFRESH_AHEAD_MS} before expiry, and other tabs' changes followed through `storage` events.
 */
export function createSessionManager(deps: SessionDeps) {
  const now = deps.now ?? Date.now;
  const setTimer = deps.setTimeout ?? ((fn, ms) => globalThis.setTimeout(fn, ms));
  const clearTimer = deps.clearTimeout ?? ((h) => globalThis.clearTimeout(h as number));
  let session = read();
  let inflight: Promise<string | null> | null = null;
  let timer: unknown = null;
  let scheduling = false;
  let lastEnd: SessionEndReason | null = null;
  const listeners = new Set<() => void>();

  function read(): StoredSession | null {
    return parse(deps.storage.getItem(SESSION_KEY));
  }

  function notify() {
    for (const l of [...listeners]) l();
  }

  function adopt(next: StoredSession | null) {
    const changed = JSON.stringify(next) !== JSON.stringify(session);
    session = next;
    if (changed) {
      schedule();
      notify();
    }
  }

  function write(next: StoredSession | null, end: SessionEndReason | null = null) {
    if (next) deps.storage.setItem(SESSION_KEY, JSON.stringify(next));
    else deps.storage.removeItem(SESSION_KEY);
    if (!next) lastEnd = end;
    adopt(next);
  }

  function schedule() {
    if (timer != null) clearTimer(timer);
    timer = null;
    if (!scheduling || !session) return;
    const due = Math.max(0, session.expiresAt - REFRESH_AHEAD_MS - now());
    const token = session.accessToken;
    timer = setTimer(() => {
      timer = null;
      refresh(token).catch(() => {
        // network trouble: try again shortly (the access token may still be valid a while)
        if (scheduling && session?.accessToken === token) {
          timer = setTimer(() => schedule(), 10_000);
        }
      });
    }, due);
  }

  async function rotate(staleAccessToken: string | null): Promise<string | null> {
    const current = read(); // inside the lock: the truth, maybe written by another tab
    if (!current) {
      adopt(null);
      return null;
    }
    if (staleAccessToken !== null && current.accessToken !== staleAccessToken) {
      adopt(current); // another tab (or an earlier call) already rotated: use its tokens
      return current.accessToken;
    }
    try {
      const tokens = await deps.refreshCall(current.refreshToken);
      const next = sessionFromTokens(tokens, now());
      write(next);
      return next.accessToken;
    } catch (e) {
      const status = (e as { status?: number } | null)?.status;
      if (status === 400 || status === 401 || status === 403) {
        // A used or revoked refresh token: this browser is signed out. Unless another tab just rotated.
        const again = read();
        if (again && again.refreshToken !== current.refreshToken) {
          adopt(again);
          return again.accessToken;
        }
        write(null, 'expired');
        return null;
      }
      throw e;
    }
  }

  /**
   * Rotates the tokens, unless `staleAccessToken` was already replaced (then the new one is returned).
   * Concurrent callers in this tab share one flight; other tabs wait on the lock and adopt.
   */
  function refresh(staleAccessToken: string | null = session?.accessToken ?? null): Promise<string | null> {
    if (inflight) return inflight;
    const run = () => rotate(staleAccessToken);
    const p = (deps.locks ? deps.locks.request(LOCK_NAME, run) : run()).finally(() => {
      inflight = null;
    });
    inflight = p;
    return p;
  }

  return {
    get: () => session,
    get lastEnd() {
      return lastEnd;
    },
    subscribe(listener: () => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    /** Stores the tokens of a sign-in. */
    signIn(tokens: TokenResponse) {
      lastEnd = null;
      write(sessionFromTokens(tokens, now()));
    },
    signOut(reason: SessionEndReason = 'signed-out') {
      write(null, reason);
    },
    refresh,
    /** A usable access token, refreshed first when it expires within a few seconds. */
    async getAccessToken(): Promise<string | null> {
      const s = session;
      if (!s) return null;
      if (s.expiresAt - now() > USE_MARGIN_MS) return s.accessToken;
      return refresh(s.accessToken);
    },
    /** Follows another tab's sign-in, rotation or sign-out. */
    onStorage(e: { key: string | null }) {
      if (e.key === SESSION_KEY || e.key === null) {
        const next = read();
        if (!next && session) lastEnd = 'signed-out';
        adopt(next);
      }
    },
    /** Starts (or stops) the refresh timer. */
    setScheduling(on: boolean) {
      scheduling = on;
      schedule();
    },
  };
}
