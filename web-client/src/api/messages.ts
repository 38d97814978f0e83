import { request } from './http.ts';
import type { LatestMessages, Message, MessagePage, UUID } from './types.ts';

const path = (conversationId: UUID) => `/api/conversations/${encodeURIComponent(conversationId)}/messages`;

export const messagesApi = {
  /** The latest page (no cursor), older (`beforeSeq`) or newer (`afterSeq`); items ascend by seq. */
  history: (
    conversationId: UUID,
    cursor: { beforeSeq?: number; afterSeq?: number } = {},
    limit = 50,
    signal?: AbortSignal,
  ) => request<MessagePage>(path(conversationId), { query: { ...cursor, limit }, signal }),
  send: (conversationId: UUID, clientMessageId: string, body: string, signal?: AbortSignal) =>
    request<Message>(path(conversationId), { method: 'POST', body: { clientMessageId, body }, signal }),
  /** The latest message of each listed conversation (1..100 ids); ones without messages are absent. */
  latest: (conversationIds: UUID[]) =>
    request<LatestMessages>('/api/messages/latest', { query: { conversationIds: conversationIds.join(',') } }),
};
