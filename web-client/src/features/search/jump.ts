import type { UUID } from '../../api/types.ts';

/**
 * A message to bring into view when its conversation opens (a search result was picked): set before navigating,
 * taken by the conversation view once its history reaches that seq.
 */
let pending: { conversationId: UUID; seq: number } | null = null;

export const jump = {
  request(conversationId: UUID, seq: number) {
    pending = { conversationId, seq };
  },
  /** The seq to bring into view in this conversation, if one was asked for. */
  peek(conversationId: UUID): number | null {
    return pending && pending.conversationId === conversationId ? pending.seq : null;
  },
  done() {
    pending = null;
  },
};
