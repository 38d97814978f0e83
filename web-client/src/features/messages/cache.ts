/** Writes stream changes and REST answers into the TanStack Query caches (windows, list previews). */
import type { QueryClient } from '@tanstack/react-query';
import type { Message, StreamPush, UUID } from '../../api/types.ts';
import { qk } from '../../app/queryKeys.ts';
import { addMessages, applyPush, type MessageWindow } from './window.ts';

export type LatestMap = Record<UUID, Message>;

export function mergeLatest(prev: LatestMap | undefined, messages: Iterable<Message>): LatestMap {
  let next = prev ?? {};
  for (const m of messages) {
    const cur = next[m.conversationId];
    if (!cur || m.seq > cur.seq || (m.seq === cur.seq && m !== cur)) {
      if (next === prev) next = { ...prev };
      next[m.conversationId] = m;
    }
  }
  return next;
}

export interface MessageCache {
  applyPush(push: StreamPush): void;
  /** The conversation's cached messages are stale past repair (a reset): load them afresh. */
  reload(conversationId: UUID): void;
  /** A send's REST answer. */
  addSent(message: Message): void;
  unknownConversation(conversationId: UUID): void;
}

export function createMessageCache(
  queryClient: QueryClient,
  opts: { me: UUID; onMineConfirmed: (clientMessageId: string) => void },
): MessageCache {
  const setWindow = (id: UUID, fn: (w: MessageWindow | undefined) => MessageWindow) =>
    queryClient.setQueryData<MessageWindow>(qk.messages(id), fn);

  const setLatest = (messages: Message[]) =>
    queryClient.setQueryData<LatestMap>(qk.latest, (prev) => mergeLatest(prev, messages));

  const confirmMine = (messages: Message[]) => {
    for (const m of messages) if (m.senderId === opts.me && m.clientMessageId) opts.onMineConfirmed(m.clientMessageId);
  };

  return {
    applyPush(push) {
      setWindow(push.conversationId, (w) => applyPush(w, push, opts.me));
      if (push.type === 'message.created') {
        setLatest([push.message]);
        confirmMine([push.message]);
      } else {
        const latest = queryClient.getQueryData<LatestMap>(qk.latest)?.[push.conversationId];
        if (latest && (latest.id === push.messageId || latest.seq === push.messageSeq)) {
          const w = queryClient.getQueryData<MessageWindow>(qk.messages(push.conversationId));
          const updated = w?.messages.find((m) => m.id === latest.id);
          if (updated) queryClient.setQueryData<LatestMap>(qk.latest, (prev) => ({ ...prev, [push.conversationId]: updated }));
        }
      }
    },
    reload(conversationId) {
      queryClient.removeQueries({ queryKey: qk.messages(conversationId) });
      void queryClient.invalidateQueries({ queryKey: qk.messages(conversationId) });
    },
    addSent(message) {
      setWindow(message.conversationId, (w) => addMessages(w, [message]));
      setLatest([message]);
    },
    unknownConversation() {
      void queryClient.invalidateQueries({ queryKey: qk.conversations });
    },
  };
}
