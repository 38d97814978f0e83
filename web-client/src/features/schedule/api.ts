import { request } from '../../api/http.ts';
import type { UUID } from '../../api/types.ts';

/** A message its author scheduled (message-service `ScheduledMessage`); only the author sees it. */
export interface ScheduledMessage {
  id: UUID;
  conversationId: UUID;
  senderId: UUID;
  body: string;
  replyToId: UUID | null;
  /** ISO-8601 instant. */
  sendAt: string;
  createdAt: string;
  updatedAt: string;
  state: 'PENDING' | 'SENT' | 'FAILED';
  /** The message it became, once SENT. */
  messageId: UUID | null;
  messageSeq: number | null;
  /** Why it was not sent, once FAILED. */
  failureReason: string | null;
}

export interface ScheduledMessages {
  items: ScheduledMessage[];
}

export interface ScheduleRequest {
  body: string;
  sendAt: string;
  replyToId?: UUID;
}

export interface ChangeScheduledRequest {
  body?: string;
  sendAt?: string;
}

const inConversation = (conversationId: UUID) =>
  `/api/conversations/${encodeURIComponent(conversationId)}/scheduled-messages`;
const one = (id: UUID) => `/api/scheduled-messages/${encodeURIComponent(id)}`;

export const scheduleApi = {
  schedule: (conversationId: UUID, req: ScheduleRequest) =>
    request<ScheduledMessage>(inConversation(conversationId), { method: 'POST', body: req }),
  /** The caller's pending ones in the conversation, soonest first. */
  pending: (conversationId: UUID) => request<ScheduledMessages>(inConversation(conversationId)),
  change: (id: UUID, req: ChangeScheduledRequest) => request<ScheduledMessage>(one(id), { method: 'PATCH', body: req }),
  cancel: (id: UUID) => request<void>(one(id), { method: 'DELETE' }),
};

/** The query key of a conversation's pending scheduled messages (ScheduledMessages). */
export const scheduledKey = (conversationId: UUID) => ['scheduled', conversationId] as const;
