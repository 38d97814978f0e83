/** The drafts REST calls and wire types (message-service, docs/websocket-protocol.md): as the Java records, exactly. */
import { request } from '../../api/http.ts';
import type { UUID } from '../../api/types.ts';

/** The caller's draft of a conversation (message-service `Draft`). */
export interface Draft {
  conversationId: UUID;
  body: string;
  replyToId: UUID | null;
  /** Grows with every draft change of the user, in any conversation, clears included. */
  version: number;
  updatedAt: string;
}

/** `GET /api/drafts`: the drafts, newest first, and the last version given out when they were read. */
export interface DraftList {
  items: Draft[];
  version: number;
}

export interface DraftRequest {
  body: string;
  replyToId?: UUID | null;
}

/** The push of a draft saved or cleared on one of the user's devices (never its text). */
export interface DraftChangedFrame {
  type: 'draft.changed';
  conversationId: UUID;
  version: number;
  updatedAt: string;
  cleared: boolean;
}

export function isDraftChanged(frame: { type: string }): frame is DraftChangedFrame {
  return frame.type === 'draft.changed';
}

const path = (conversationId: UUID) => `/api/conversations/${encodeURIComponent(conversationId)}/draft`;

export const draftsApi = {
  list: () => request<DraftList>('/api/drafts'),
  /** The draft, or undefined when there is none (204). */
  get: (conversationId: UUID) => request<Draft | undefined>(path(conversationId)),
  /** The saved draft; undefined when a blank body cleared it (204). `keepalive` lets it outlive the page. */
  put: (conversationId: UUID, body: string, keepalive = false) =>
    request<Draft | undefined>(path(conversationId), { method: 'PUT', body: { body } satisfies DraftRequest, keepalive }),
  remove: (conversationId: UUID, keepalive = false) =>
    request<void>(path(conversationId), { method: 'DELETE', keepalive }),
};

export type DraftsApi = typeof draftsApi;
