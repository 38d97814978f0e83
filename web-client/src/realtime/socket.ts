/**
 * The `/ws` connection (docs/websocket-protocol.md): `auth` first, `welcome`, then the caller's `resume`;
 * `ping` every 30 s; reconnect with exponential backoff (0.5 s doubling to 30 s, full jitter), at once
 * after 1001/4408 and after the browser comes back online; refresh the token after 4401. A server message is
 * one frame or a JSON array of frames (several queued for the socket at once): each is handled in order.
 */
import type { ClientFrame, ServerFrame, WelcomeFrame } from '../api/types.ts';

export type ConnectionStatus = 'idle' | 'connecting' | 'connected' | 'reconnecting' | 'offline';

export const PING_INTERVAL_MS = 30_000;
/** No frame at all this long after a ping: the connection is dead (half-open), drop it. */
export const PONG_TIMEOUT_MS = 15_000;
/** No `welcome` this long after opening: try again. */
export const WELCOME_TIMEOUT_MS = 15_000;
export const BACKOFF_BASE_MS = 500;
export const BACKOFF_MAX_MS = 30_000;

/** Full jitter: a uniformly random delay in [0, min(max, base * 2^attempt)). */
export function backoffDelay(attempt: number, random: () => number = Math.random): number {
  const cap = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.min(attempt, 16));
  return Math.floor(random() * cap);
}

export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((ev: Event) => void) | null;
  onmessage: ((ev: MessageEvent) => void) | null;
  onclose: ((ev: CloseEvent) => void) | null;
  onerror: ((ev: Event) => void) | null;
}

export interface SocketClientOptions {
  url: () => string;
  /** The current access token (refreshed when about to expire); null = signed out. */
  getToken: () => Promise<string | null>;
  /** After a 4401: rotate the token unless it already was. */
  refreshToken: (staleToken: string) => Promise<string | null>;
  onWelcome: (frame: WelcomeFrame) => void;
  onFrame: (frame: ServerFrame) => void;
  onStatus?: (status: ConnectionStatus) => void;
  /** Called when the server refused the token even after a refresh: the session is over. */
  onSignedOut?: () => void;
  createSocket?: (url: string) => SocketLike;
  random?: () => number;
  isOnline?: () => boolean;
  /** `window`-like target for `online`/`offline` events. */
  events?: Pick<Window, 'addEventListener' | 'removeEventListener'> | null;
  log?: (...args: unknown[]) => void;
}

const OPEN = 1;

export class SocketClient {
  private ws: SocketLike | null = null;
  private active = false;
  private attempt = 0;
  private status: ConnectionStatus = 'idle';
  private reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  private pingTimer: ReturnType<typeof setInterval> | null = null;
  private pongTimer: ReturnType<typeof setTimeout> | null = null;
  private welcomeTimer: ReturnType<typeof setTimeout> | null = null;
  private tokenInUse: string | null = null;
  private welcomed = false;
  private everConnected = false;
  private consecutive4401 = 0;

  constructor(private opts: SocketClientOptions) {}

  get connectionStatus(): ConnectionStatus {
    return this.status;
  }

  start(): void {
    if (this.active) return;
    this.active = true;
    const ev = this.eventsTarget();
    ev?.addEventListener('online', this.onOnline);
    ev?.addEventListener('offline', this.onOffline);
    if (!this.isOnline()) this.setStatus('offline');
    else void this.connect();
  }

  stop(): void {
    this.active = false;
    const ev = this.eventsTarget();
    ev?.removeEventListener('online', this.onOnline);
    ev?.removeEventListener('offline', this.onOffline);
    this.teardown(1000, 'client stopped');
    this.setStatus('idle');
  }

  /** Sends a frame if the socket is authenticated; false otherwise. */
  send(frame: ClientFrame): boolean {
    if (!this.ws || this.ws.readyState !== OPEN || (!this.welcomed && frame.type !== 'auth')) return false;
    this.ws.send(JSON.stringify(frame));
    return true;
  }

  get isReady(): boolean {
    return this.welcomed && this.ws?.readyState === OPEN;
  }

  /** Drop the current socket and connect again at once (e.g. the user pressed "Reconnect"). */
  reconnectNow(): void {
    if (!this.active) return;
    this.attempt = 0;
    this.teardown(1000, 'reconnect');
    if (this.isOnline()) void this.connect();
  }

  private eventsTarget() {
    if (this.opts.events !== undefined) return this.opts.events;
    return typeof window !== 'undefined' ? window : null;
  }

  private isOnline(): boolean {
    if (this.opts.isOnline) return this.opts.isOnline();
    return typeof navigator === 'undefined' || navigator.onLine !== false;
  }

  private setStatus(s: ConnectionStatus) {
    if (this.status === s) return;
    this.status = s;
    this.opts.onStatus?.(s);
  }

  private onOnline = () => {
    if (!this.active) return;
    this.attempt = 0;
    this.clearReconnect();
    if (!this.ws) void this.connect();
  };

  private onOffline = () => {
    if (!this.active) return;
    this.teardown(1000, 'offline');
    this.clearReconnect();
    this.setStatus('offline');
  };

  private async connect(): Promise<void> {
    this.clearReconnect();
    if (!this.active || this.ws) return;
    this.setStatus(this.everConnected ? 'reconnecting' : 'connecting');
    let token: string | null;
    try {
      token = await this.opts.getToken();
    } catch {
      this.scheduleReconnect(); // token refresh failed on the network: try later
      return;
    }
    if (!this.active || this.ws) return;
    if (!token) {
      this.opts.onSignedOut?.();
      return;
    }
    this.tokenInUse = token;
    let ws: SocketLike;
    try {
      ws = this.opts.createSocket ? this.opts.createSocket(this.opts.url()) : (new WebSocket(this.opts.url()) as unknown as SocketLike);
    } catch (e) {
      this.opts.log?.('socket: cannot open', e);
      this.scheduleReconnect();
      return;
    }
    this.ws = ws;
    this.welcomed = false;
    ws.onopen = () => {
      if (this.ws !== ws) return;
      ws.send(JSON.stringify({ type: 'auth', token } satisfies ClientFrame));
    };
    ws.onmessage = (ev) => {
      if (this.ws !== ws) return;
      this.onMessage(ws, ev.data);
    };
    ws.onerror = () => {
      // the close event follows and decides what to do
    };
    ws.onclose = (ev) => {
      if (this.ws !== ws) return;
      this.detach();
      this.onClose(ev.code, ev.reason);
    };
    this.welcomeTimer = setTimeout(() => {
      if (this.ws === ws && !this.welcomed) {
        this.opts.log?.('socket: no welcome in time');
        this.teardown(1000, 'no welcome');
        this.scheduleReconnect();
      }
    }, WELCOME_TIMEOUT_MS);
  }

  /** A message is one frame or an array of frames, applied in order as if each had come alone. */
  private onMessage(ws: SocketLike, data: unknown) {
    this.clearPongTimer();
    if (typeof data !== 'string') return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(data);
    } catch {
      this.opts.log?.('socket: bad frame', data);
      return;
    }
    if (!Array.isArray(parsed)) {
      this.onServerFrame(parsed);
      return;
    }
    for (const frame of parsed) {
      if (this.ws !== ws) return; // a frame before this one ended the socket (e.g. the client was stopped)
      this.onServerFrame(frame);
    }
  }

  private onServerFrame(value: unknown) {
    const frame = value as ServerFrame;
    if (!frame || typeof frame !== 'object' || typeof frame.type !== 'string') return;
    if (frame.type === 'welcome') {
      this.welcomed = true;
      this.everConnected = true;
      this.attempt = 0;
      this.consecutive4401 = 0;
      if (this.welcomeTimer) clearTimeout(this.welcomeTimer);
      this.welcomeTimer = null;
      this.startPing();
      this.setStatus('connected');
      this.opts.onWelcome(frame);
      return;
    }
    if (frame.type === 'pong') return;
    this.opts.onFrame(frame);
  }

  private onClose(code: number, reason: string) {
    if (!this.active) return;
    this.opts.log?.('socket: closed', code, reason);
    if (!this.isOnline()) {
      this.setStatus('offline');
      return;
    }
    switch (code) {
      case 1001: // node shutting down: another node takes us, at once
      case 4408: // we were silent too long (e.g. a frozen tab): at once
        this.attempt = 0;
        this.scheduleReconnect(Math.floor((this.opts.random ?? Math.random)() * 250));
        return;
      case 4401: {
        // bad or expired token: refresh, then reconnect (backoff guards against a loop)
        this.consecutive4401++;
        const stale = this.tokenInUse;
        this.setStatus('reconnecting');
        if (this.consecutive4401 > 3) {
          this.opts.onSignedOut?.();
          return;
        }
        void (stale ? this.opts.refreshToken(stale) : Promise.resolve(null)).then(
          (token) => {
            if (!this.active) return;
            if (!token) {
              this.opts.onSignedOut?.();
              return;
            }
            this.scheduleReconnect();
          },
          () => this.scheduleReconnect(),
        );
        return;
      }
      case 1009: // a frame of ours was too big: nothing to resend, reconnect with backoff
      case 1013: // slow consumer or a dependency briefly down
      default: // 1006 (includes a refused upgrade: 503), 1011, ...
        this.scheduleReconnect();
    }
  }

  private scheduleReconnect(delay?: number) {
    if (!this.active) return;
    this.clearReconnect();
    const ms = delay ?? backoffDelay(this.attempt++, this.opts.random);
    this.setStatus(this.isOnline() ? 'reconnecting' : 'offline');
    if (!this.isOnline()) return;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      void this.connect();
    }, ms);
  }

  private startPing() {
    this.stopPing();
    this.pingTimer = setInterval(() => {
      if (!this.send({ type: 'ping' })) return;
      if (this.pongTimer == null) {
        this.pongTimer = setTimeout(() => {
          this.opts.log?.('socket: no pong, dropping the connection');
          this.teardown(1000, 'pong timeout');
          this.scheduleReconnect();
        }, PONG_TIMEOUT_MS);
      }
    }, PING_INTERVAL_MS);
  }

  private stopPing() {
    if (this.pingTimer) clearInterval(this.pingTimer);
    this.pingTimer = null;
    this.clearPongTimer();
  }

  private clearPongTimer() {
    if (this.pongTimer) clearTimeout(this.pongTimer);
    this.pongTimer = null;
  }

  private clearReconnect() {
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = null;
  }

  /** Forget the socket's handlers and timers (its close event is ignored from now on). */
  private detach() {
    const ws = this.ws;
    this.ws = null;
    this.welcomed = false;
    this.stopPing();
    if (this.welcomeTimer) clearTimeout(this.welcomeTimer);
    this.welcomeTimer = null;
    if (ws) {
      ws.onopen = null;
      ws.onmessage = null;
      ws.onerror = null;
      ws.onclose = null;
    }
    return ws;
  }

  private teardown(code: number, reason: string) {
    const ws = this.detach();
    if (ws && ws.readyState <= OPEN) {
      try {
        ws.close(code, reason);
      } catch {
        // already closing
      }
    }
  }
}
