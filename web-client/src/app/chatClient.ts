/** Everything that lives while one user is signed in: socket, stream engine, send queue, read marks. */
import type { QueryClient } from '@tanstack/react-query';
import { messagesApi } from '../api/messages.ts';
import type { UUID } from '../api/types.ts';
import { connectionStore } from '../features/connection/connectionStore.ts';
import { goneNotice } from '../features/conversations/goneNotice.ts';
import { draftsApi, isDraftChanged } from '../features/drafts/api.ts';
import { DraftStore } from '../features/drafts/draftStore.ts';
import { applyConversationChanged } from '../features/conversations/membershipPushes.ts';
import { ReadStore } from '../features/conversations/readState.ts';
import { CursorStore } from '../features/receipts/cursors.ts';
import { createMessageCache, type MessageCache } from '../features/messages/cache.ts';
import { OutboxStore } from '../features/messages/outboxStore.ts';
import { mediaCache } from '../api/media.ts';
import type { SessionManager } from '../features/auth/session.ts';
import { SocketClient } from '../realtime/socket.ts';
import { qk } from './queryKeys.ts';
import { conversationPath, navigate } from './router.tsx';
import { CATCH_UP_PAGE, StreamEngine } from '../realtime/streamEngine.ts';

export interface ChatClient {
  me: UUID;
  cache: MessageCache;
  outbox: OutboxStore;
  reads: ReadStore;
  cursors: CursorStore;
  drafts: DraftStore;
  engine: StreamEngine;
  socket: SocketClient;
  start(): void;
  dispose(): void;
}

function socketUrl(): string {
  const { protocol, host } = window.location;
  return `${protocol === 'https:' ? 'wss' : 'ws'}://${host}/ws`;
}

const debug = (...args: unknown[]) => {
  if (import.meta.env.DEV || localStorage.getItem('chat.debug')) console.debug('[chat]', ...args);
};

export function createChatClient(queryClient: QueryClient, session: SessionManager, me: UUID): ChatClient {
  const isOnline = () => navigator.onLine !== false;
  let outbox: OutboxStore;
  const cache = createMessageCache(queryClient, { me, onMineConfirmed: (id) => outbox.confirm(id) });
  outbox = new OutboxStore({
    storage: localStorage,
    key: `chat.outbox.${me}`,
    send: (item) =>
      messagesApi.send(
        item.conversationId,
        item.clientMessageId,
        item.body,
        item.replyToId ?? null,
        (item.attachments ?? []).map((a) => a.mediaId),
      ),
    onSent: (m) => cache.addSent(m),
    isOnline,
  });
  const reads = new ReadStore({
    move: messagesApi.moveReceipt,
    markUnread: messagesApi.markUnread,
    unread: messagesApi.unread,
    receipt: messagesApi.receipt,
  });
  const cursors = new CursorStore(messagesApi.receipts);
  const drafts = new DraftStore(draftsApi, debug);
  let socket: SocketClient;
  let welcomed = false;
  const engine = new StreamEngine({
    sink: cache,
    fetchAfter: (id, afterSeq) => messagesApi.changes(id, afterSeq, CATCH_UP_PAGE),
    sendFrame: (frame) => socket.send(frame),
    isConnected: () => socket.isReady,
    log: debug,
  });
  socket = new SocketClient({
    url: socketUrl,
    getToken: () => session.getAccessToken(),
    refreshToken: (stale) => session.refresh(stale),
    onWelcome: (frame) => {
      debug('welcome', frame.nodeId, frame.epoch);
      engine.onWelcome(frame);
      outbox.pump();
      // Pushes are hints, at most once: what changed before this socket could receive them (while disconnected, or
      // between the first fetch and this first welcome) is fetched again. Invitations are cheap: always; the list
      // after a reconnect.
      void queryClient.invalidateQueries({ queryKey: qk.invitations });
      void drafts.load();
      if (welcomed) {
        void queryClient.invalidateQueries({ queryKey: qk.conversations });
        for (const id of Object.keys(cursors.getSnapshot())) cursors.load(id).catch(() => {});
      }
      welcomed = true;
    },
    onFrame: (frame) => {
      if (isDraftChanged(frame)) {
        drafts.onFrame(frame);
      } else if (frame.type === 'conversation.changed') {
        const gone = applyConversationChanged(queryClient, me, frame, (id) => {
          engine.forget(id);
          drafts.forget(id);
        });
        // The open conversation closed under the user: leave it, saying why.
        if (gone && window.location.pathname === conversationPath(frame.conversationId)) {
          goneNotice.set(
            frame.change === 'deleted' ? 'This conversation was deleted.' : 'You are no longer a member of that conversation.',
          );
          navigate('/', { replace: true });
        }
      } else if (frame.type === 'receipt.moved') {
        reads.onReceipt(frame, me);
        cursors.onReceipt(frame);
      } else {
        if (frame.type === 'message.created' && frame.message.senderId !== me) {
          reads.markDelivered(frame.conversationId, frame.seq);
        }
        engine.onFrame(frame);
      }
    },
    onStatus: (s) => connectionStore.set(s),
    onSignedOut: () => session.signOut('expired'),
    log: debug,
  });

  const onOnline = () => outbox.pump();

  return {
    me,
    cache,
    outbox,
    reads,
    cursors,
    drafts,
    engine,
    socket,
    start() {
      window.addEventListener('online', onOnline);
      void drafts.load();
      socket.start();
      outbox.pump();
    },
    dispose() {
      window.removeEventListener('online', onOnline);
      socket.stop();
      engine.dispose();
      reads.dispose();
      outbox.dispose();
      mediaCache.clear();
      drafts.dispose();
      connectionStore.set('idle');
    },
  };
}
