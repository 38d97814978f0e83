import type { Problem, ProblemFieldError } from './types.ts';

/** Any failed API call: an HTTP problem (RFC 9457), or no answer at all (status 0). */
export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem;
  /** Seconds from a `Retry-After` header (429, 503), when given. */
  readonly retryAfter: number | null;
  readonly kind: 'http' | 'network' | 'aborted';

  constructor(
    kind: ApiError['kind'],
    status: number,
    problem: Problem,
    retryAfter: number | null = null,
  ) {
    super(problem.detail || problem.title || `Request failed (${status})`);
    this.name = 'ApiError';
    this.kind = kind;
    this.status = status;
    this.problem = problem;
    this.retryAfter = retryAfter;
  }

  /** Per-field messages (`errors[].field` or `.parameter`), the first one per field. */
  get fieldErrors(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const e of (this.problem.errors ?? []) as ProblemFieldError[]) {
      const key = e.field ?? e.parameter;
      if (key && !(key in out)) out[key] = e.message;
    }
    return out;
  }
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError;
}

/** One human sentence for any error, for banners, toasts and form alerts. */
export function humanMessage(e: unknown): string {
  if (!isApiError(e)) return e instanceof Error && e.message ? e.message : 'Something went wrong.';
  if (e.kind === 'network') return "Can't reach the server. Check your connection and try again.";
  if (e.kind === 'aborted') return 'The request was cancelled.';
  const { detail, title } = e.problem;
  const wait = e.retryAfter != null ? ` Try again in ${formatSeconds(e.retryAfter)}.` : '';
  if (e.status === 429) return `${detail || 'Too many attempts.'}${wait || ' Try again in a moment.'}`;
  if (e.status === 503) return `${detail || 'The service is busy right now.'}${wait || ' Try again in a moment.'}`;
  if (detail) return detail;
  if (title && title !== 'Bad Request') return title;
  if (e.status >= 500) return 'The server had a problem. Try again in a moment.';
  return title || `Request failed (${e.status}).`;
}

function formatSeconds(s: number): string {
  if (s <= 1) return '1 second';
  if (s < 90) return `${Math.ceil(s)} seconds`;
  return `${Math.ceil(s / 60)} minutes`;
}

function parseRetryAfter(value: string | null): number | null {
  if (!value) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds);
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, (date - Date.now()) / 1000);
}

/** What http needs from the session: the current token, a refresh, and what to do when signed out. */
export interface AuthProvider {
  /** A valid access token (refreshing first when it is about to expire), or null when signed out. */
  getAccessToken(): Promise<string | null>;
  /** Rotates the tokens unless another caller (or tab) already replaced `staleAccessToken`. */
  refresh(staleAccessToken: string): Promise<string | null>;
  /** The server refused even a fresh token: the session is over. */
  onUnauthorized(): void;
}

let authProvider: AuthProvider | null = null;

export function setAuthProvider(provider: AuthProvider | null): void {
  authProvider = provider;
}

export type Query = Record<string, string | number | boolean | null | undefined>;

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  query?: Query;
  /** Send the bearer token (default true). */
  auth?: boolean;
  signal?: AbortSignal;
  /** Let the request outlive the page (a save on page hide). */
  keepalive?: boolean;
}

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v !== undefined && v !== null) params.set(k, String(v));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

async function send(path: string, opts: RequestOptions, token: string | null): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json, application/problem+json' };
  if (opts.body !== undefined) headers['Content-Type'] = 'application/json';
  if (token) headers.Authorization = `Bearer ${token}`;
  try {
    return await fetch(withQuery(path, opts.query), {
      method: opts.method ?? 'GET',
      headers,
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
      signal: opts.signal,
      keepalive: opts.keepalive,
      credentials: 'same-origin',
    });
  } catch (e) {
    if (opts.signal?.aborted) throw new ApiError('aborted', 0, { title: 'Aborted' });
    throw new ApiError('network', 0, {
      title: 'Network error',
      detail: e instanceof Error ? e.message : String(e),
    });
  }
}

async function toError(res: Response): Promise<ApiError> {
  let problem: Problem = { status: res.status, title: res.statusText };
  try {
    const text = await res.text();
    if (text) {
      const parsed: unknown = JSON.parse(text);
      if (parsed && typeof parsed === 'object') problem = parsed as Problem;
    }
  } catch {
    // not JSON: keep the status line
  }
  return new ApiError('http', res.status, problem, parseRetryAfter(res.headers.get('Retry-After')));
}

/**
 * A JSON call to the API on this origin. Adds the bearer token, refreshes and retries once on a 401,
 * and turns every failure into an {@link ApiError}.
 */
export async function request<T>(path: string, opts: RequestOptions = {}): Promise<T> {
  const useAuth = opts.auth !== false;
  let token = useAuth && authProvider ? await authProvider.getAccessToken() : null;
  let res = await send(path, opts, token);
  if (res.status === 401 && useAuth && authProvider && token) {
    token = await authProvider.refresh(token);
    if (token) res = await send(path, opts, token);
    if (!token || res.status === 401) {
      const error = token ? await toError(res) : new ApiError('http', 401, { title: 'Signed out', detail: 'Your session has ended. Sign in again.' });
      authProvider.onUnauthorized();
      throw error;
    }
  }
  if (!res.ok) throw await toError(res);
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}
