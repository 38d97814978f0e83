import { request } from './http.ts';
import type { CursorList, ReceiptMoveRequest, UnreadList, UnreadState, ChangesPage, EditHistory, PinnedMessages, SearchPage, EditMessageRequest, LatestMessages, Message, MessagePage, SendMessageRequest, UUID } from './types.ts';

const path = (conversationId: UUID) => `/api/conversations/${encodeURIComponent(conversationId)}/messages`;

const messagePath = (conversationId: UUID, messageId: UUID) => `${path(conversationId)}/${encodeURIComponent(messageId)}`;

export const messagesApi = {
  /** Every change after `after` (sends, edits, deletes), shaped as the pushes: the catch-up of a gap. */
  changes: (conversationId: UUID, after: number, limit = 200, signal?: AbortSignal) =>
    request<ChangesPage>(`/api/conversations/${encodeURIComponent(conversationId)}/changes`, {
      query: { after, limit },
      signal,
    }),
  edit: (conversationId: UUID, messageId: UUID, body: string) =>
    request<Message>(messagePath(conversationId, messageId), { method: 'PATCH', body: { body } satisfies EditMessageRequest }),
  remove: (conversationId: UUID, messageId: UUID) =>
    request<void>(messagePath(conversationId, messageId), { method: 'DELETE' }),
  react: (conversationId: UUID, messageId: UUID, emoji: string) =>
    request<void>(`${messagePath(conversationId, messageId)}/reactions/${encodeURIComponent(emoji)}`, { method: 'PUT' }),
  unreact: (conversationId: UUID, messageId: UUID, emoji: string) =>
    request<void>(`${messagePath(conversationId, messageId)}/reactions/${encodeURIComponent(emoji)}`, { method: 'DELETE' }),
  pin: (conversationId: UUID, messageId: UUID) => request<void>(`${messagePath(conversationId, messageId)}/pin`, { method: 'PUT' }),
  unpin: (conversationId: UUID, messageId: UUID) =>
    request<void>(`${messagePath(conversationId, messageId)}/pin`, { method: 'DELETE' }),
  /** Full text over the caller's conversations, newest first. */
  search: (q: string, filters: { conversationId?: UUID; authorId?: UUID; cursor?: string } = {}, limit = 20) =>
    request<SearchPage>('/api/messages/search', { query: { q, ...filters, limit } }),
  pins: (conversationId: UUID) => request<PinnedMessages>(`/api/conversations/${encodeURIComponent(conversationId)}/pins`),
  edits: (conversationId: UUID, messageId: UUID) => request<EditHistory>(`${messagePath(conversationId, messageId)}/edits`),
  /** The latest page (no cursor), older (`beforeSeq`) or newer (`afterSeq`); items ascend by seq. */
  history: (
    conversationId: UUID,
    cursor: { beforeSeq?: number; afterSeq?: number } = {},
    limit = 50,
    signal?: AbortSignal,
  ) => request<MessagePage>(path(conversationId), { query: { ...cursor, limit }, signal }),
  send: (
    conversationId: UUID,
    clientMessageId: string,
    body: string,
    replyToId: UUID | null = null,
    attachments: readonly UUID[] = [],
    signal?: AbortSignal,
  ) =>
    request<Message>(path(conversationId), {
      method: 'POST',
      body: {
        clientMessageId,
        body,
        ...(replyToId ? { replyToId } : {}),
        ...(attachments.length ? { attachments: [...attachments] } : {}),
      } satisfies SendMessageRequest,
      signal,
    }),
  /** A thread: the replies after `afterSeq`, ascending. */
  replies: (conversationId: UUID, messageId: UUID, afterSeq = 0, limit = 100) =>
    request<MessagePage>(`${messagePath(conversationId, messageId)}/replies`, { query: { afterSeq, limit } }),
  /** Moves the caller's cursors forward (lower values change nothing) and answers the caller's unread state. */
  moveReceipt: (conversationId: UUID, move: ReceiptMoveRequest) =>
    request<UnreadState>(`/api/conversations/${encodeURIComponent(conversationId)}/receipt`, { method: 'PUT', body: move }),
  receipt: (conversationId: UUID) =>
    request<UnreadState>(`/api/conversations/${encodeURIComponent(conversationId)}/receipt`),
  markUnread: (conversationId: UUID, messageId: UUID) =>
    request<UnreadState>(`/api/conversations/${encodeURIComponent(conversationId)}/receipt/unread`, {
      method: 'POST',
      body: { messageId },
    }),
  /** Every member's cursors: ticks and "read by". */
  receipts: (conversationId: UUID) =>
    request<CursorList>(`/api/conversations/${encodeURIComponent(conversationId)}/receipts`),
  /** The caller's conversations with something unread (the others have nothing unread). */
  unread: () => request<UnreadList>('/api/messages/unread'),
  /** The latest message of each listed conversation (1..100 ids); ones without messages are absent. */
  latest: (conversationIds: UUID[]) =>
    request<LatestMessages>('/api/messages/latest', { query: { conversationIds: conversationIds.join(',') } }),
};
