import type { UUID } from '../api/types.ts';

/** Every TanStack Query key of the app, in one place. */
export const qk = {
  me: ['me'] as const,
  user: (id: UUID) => ['user', id] as const,
  userSearch: (q: string) => ['userSearch', q] as const,
  conversations: ['conversations'] as const,
  conversation: (id: UUID) => ['conversation', id] as const,
  /** MemberEntry[] of one conversation, with roles and join dates. */
  members: (id: UUID) => ['members', id] as const,
  /** MutePage and ModerationLogPage of one conversation (owner/admin only). */
  mutes: (id: UUID) => ['mutes', id] as const,
  moderationLog: (id: UUID) => ['moderationLog', id] as const,
  /** Record<conversationId, Message>: the latest message of each conversation (list previews). */
  latest: ['latest'] as const,
  /** MessageWindow of one conversation. */
  messages: (id: UUID) => ['messages', id] as const,
  presence: (ids: readonly UUID[]) => ['presence', [...ids].sort().join(',')] as const,
};
