import { request } from './http.ts';
import type { Conversation, ConversationPage, CreateGroupRequest, UUID } from './types.ts';

export const conversationsApi = {
  list: (before?: string | null, limit = 100) =>
    request<ConversationPage>('/api/conversations', { query: { limit, before: before ?? undefined } }),
  /** Every page, up to `maxPages` (newest first). */
  async listAll(maxPages = 10): Promise<Conversation[]> {
    const all: Conversation[] = [];
    let cursor: string | null = null;
    for (let i = 0; i < maxPages; i++) {
      const page: ConversationPage = await conversationsApi.list(cursor);
      all.push(...page.items);
      cursor = page.nextCursor;
      if (!cursor) break;
    }
    return all;
  },
  get: (id: UUID) => request<Conversation>(`/api/conversations/${encodeURIComponent(id)}`),
  openDirect: (userId: UUID) =>
    request<Conversation>('/api/conversations/direct', { method: 'POST', body: { userId } }),
  createGroup: (title: string, memberIds: UUID[]) =>
    request<Conversation>('/api/conversations', {
      method: 'POST',
      body: { type: 'GROUP', title, memberIds } satisfies CreateGroupRequest,
    }),
};
