import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { backoffDelay, SocketClient, type SocketLike } from './socket.ts';

class FakeSocket implements SocketLike {
  readyState = 0;
  sent: string[] = [];
  onopen: ((ev: Event) => void) | null = null;
  onmessage: ((ev: MessageEvent) => void) | null = null;
  onclose: ((ev: CloseEvent) => void) | null = null;
  onerror: ((ev: Event) => void) | null = null;
  send(d: string) {
    this.sent.push(d);
  }
  close() {
    this.readyState = 3;
  }
  open() {
    this.readyState = 1;
    this.onopen?.(new Event('open'));
  }
  receive(frame: object) {
    this.onmessage?.({ data: JSON.stringify(frame) } as MessageEvent);
  }
  receiveText(text: string) {
    this.onmessage?.({ data: text } as MessageEvent);
  }
  serverClose(code: number) {
    this.readyState = 3;
    this.onclose?.({ code, reason: '' } as CloseEvent);
  }
}

function setup(overrides: Partial<ConstructorParameters<typeof SocketClient>[0]> = {}) {
  const sockets: FakeSocket[] = [];
  const events = new EventTarget();
  let online = true;
  const statuses: string[] = [];
  const onWelcome = vi.fn();
  const onFrame = vi.fn();
  const refreshToken = vi.fn(async () => 'token-2');
  const client = new SocketClient({
    url: () => 'ws://x/ws',
    getToken: async () => 'token-1',
    refreshToken,
    onWelcome,
    onFrame,
    onStatus: (s) => statuses.push(s),
    createSocket: () => {
      const s = new FakeSocket();
      sockets.push(s);
      return s;
    },
    random: () => 0.999,
    isOnline: () => online,
    events: events as unknown as Window,
    ...overrides,
  });
  return {
    client, sockets, statuses, onWelcome, onFrame, refreshToken, events,
    setOnline(v: boolean) {
      online = v;
      events.dispatchEvent(new Event(v ? 'online' : 'offline'));
    },
  };
}

describe('socket client', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('backoff doubles from 0.5 s to a 30 s cap, with full jitter', () => {
    expect(backoffDelay(0, () => 0.999)).toBe(499);
    expect(backoffDelay(1, () => 0.999)).toBe(999);
    expect(backoffDelay(10, () => 0.999)).toBe(29_970);
    expect(backoffDelay(5, () => 0)).toBe(0);
  });

  it('sends auth first, reports connected on welcome, then pings every 30 s', async () => {
    const t = setup();
    t.client.start();
    await vi.advanceTimersByTimeAsync(0);
    const ws = t.sockets[0]!;
    ws.open();
    expect(JSON.parse(ws.sent[0]!)).toEqual({ type: 'auth', token: 'token-1' });
    ws.receive({ type: 'welcome', userId: 'u', nodeId: 'n', sessionId: 's', epoch: 'e' });
    expect(t.onWelcome).toHaveBeenCalled();
    expect(t.statuses.at(-1)).toBe('connected');
    await vi.advanceTimersByTimeAsync(30_000);
    expect(JSON.parse(ws.sent.at(-1)!)).toEqual({ type: 'ping' });
  });

  it('reconnects with backoff after 1013 and at once after 1001', async () => {
    const t = setup();
    t.client.start();
    await vi.advanceTimersByTimeAsync(0);
    t.sockets[0]!.open();
    t.sockets[0]!.receive({ type: 'welcome', epoch: 'e' });
    t.sockets[0]!.serverClose(1013);
    expect(t.statuses.at(-1)).toBe('reconnecting');
    await vi.advanceTimersByTimeAsync(400);
    expect(t.sockets).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(200);
    expect(t.sockets).toHaveLength(2);
    t.sockets[1]!.open();
    t.sockets[1]!.receive({ type: 'welcome', epoch: 'e' });
    t.sockets[1]!.serverClose(1001);
    await vi.advanceTimersByTimeAsync(250);
    expect(t.sockets).toHaveLength(3);
  });

  it('4401: refreshes the token, then reconnects', async () => {
    const t = setup();
    t.client.start();
    await vi.advanceTimersByTimeAsync(0);
    t.sockets[0]!.open();
    t.sockets[0]!.serverClose(4401);
    await vi.advanceTimersByTimeAsync(0);
    expect(t.refreshToken).toHaveBeenCalledWith('token-1');
    await vi.advanceTimersByTimeAsync(1000);
    expect(t.sockets).toHaveLength(2);
  });

  it('a message carrying an array of frames dispatches each frame in order, as if each came alone', async () => {
    const t = setup();
    t.client.start();
    await vi.advanceTimersByTimeAsync(0);
    const ws = t.sockets[0]!;
    ws.open();
    // welcome and the first pushes queued together on the node
    ws.receiveText(
      '[{"type":"welcome","userId":"u","nodeId":"n","sessionId":"s","epoch":"e"},' +
        '{"type":"reaction.added","conversationId":"c","seq":7},{"type":"pong"},' +
        '{"type":"message.edited","conversationId":"c","seq":8}]',
    );
    expect(t.onWelcome).toHaveBeenCalledTimes(1);
    expect(t.statuses.at(-1)).toBe('connected');
    expect(t.onFrame.mock.calls.map(([f]) => [f.type, f.seq])).toEqual([
      ['reaction.added', 7],
      ['message.edited', 8],
    ]);
    // a lone frame is still a message of its own
    ws.receive({ type: 'message.deleted', conversationId: 'c', seq: 9 });
    expect(t.onFrame).toHaveBeenCalledTimes(3);
    expect(t.onFrame.mock.calls[2]![0]).toMatchObject({ type: 'message.deleted', seq: 9 });
  });

  it('stops dispatching an array once a frame in it ended the socket', async () => {
    const seen: string[] = [];
    let stop = () => {};
    const t = setup({
      onFrame: (f) => {
        seen.push(f.type);
        if ((f.type as string) === 'stop') stop();
      },
    });
    stop = () => t.client.stop();
    t.client.start();
    await vi.advanceTimersByTimeAsync(0);
    const ws = t.sockets[0]!;
    ws.open();
    ws.receive({ type: 'welcome', epoch: 'e' });
    ws.receiveText('[{"type":"a"},{"type":"stop"},{"type":"b"}]');
    expect(seen).toEqual(['a', 'stop']);
  });

  it('offline closes the socket and waits; online reconnects at once', async () => {
    const t = setup();
    t.client.start();
    await vi.advanceTimersByTimeAsync(0);
    t.sockets[0]!.open();
    t.sockets[0]!.receive({ type: 'welcome', epoch: 'e' });
    t.setOnline(false);
    expect(t.sockets[0]!.readyState).toBe(3);
    expect(t.statuses.at(-1)).toBe('offline');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(t.sockets).toHaveLength(1);
    t.setOnline(true);
    await vi.advanceTimersByTimeAsync(0);
    expect(t.sockets).toHaveLength(2);
  });
});
