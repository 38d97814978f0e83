import { request } from './http.ts';
import type {
  ChannelPage,
  ChannelSummary,
  Conversation,
  ConversationPage,
  CreateChannelRequest,
  CreateGroupRequest,
  Preferences,
  UpdateConversationRequest,
  UUID,
} from './types.ts';

const base = (id: UUID) => `/api/conversations/${encodeURIComponent(id)}`;

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
  get: (id: UUID) => request<Conversation>(base(id)),
  openDirect: (userId: UUID) =>
    request<Conversation>('/api/conversations/direct', { method: 'POST', body: { userId } }),
  createGroup: (title: string, memberIds: UUID[]) =>
    request<Conversation>('/api/conversations', {
      method: 'POST',
      body: { type: 'GROUP', title, memberIds } satisfies CreateGroupRequest,
    }),
  createChannel: (channel: CreateChannelRequest) =>
    request<Conversation>('/api/conversations/channels', { method: 'POST', body: channel }),
  update: (id: UUID, changes: UpdateConversationRequest) =>
    request<Conversation>(base(id), { method: 'PATCH', body: changes }),
  join: (id: UUID) => request<Conversation>(`${base(id)}/join`, { method: 'POST' }),
  setPreferences: (id: UUID, preferences: Preferences) =>
    request<Preferences>(`${base(id)}/preferences`, { method: 'PUT', body: preferences }),
};

export const channelsApi = {
  /** Public channels whose name matches, most members first. */
  search: (query: string, cursor?: string | null, limit = 20) =>
    request<ChannelPage>('/api/channels', { query: { query, limit, cursor: cursor ?? undefined } }),
  bySlug: (slug: string) => request<ChannelSummary>(`/api/channels/${encodeURIComponent(slug)}`),
};
