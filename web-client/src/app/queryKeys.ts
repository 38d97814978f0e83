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
  /** The caller's pending invitations (InvitationList). */
  invitations: ['invitations'] as const,
  /** A conversation's pending invitations and invite links (owner/admin only). */
  conversationInvitations: (id: UUID) => ['conversationInvitations', id] as const,
  inviteLinks: (id: UUID) => ['inviteLinks', id] as const,
  inviteLink: (code: string) => ['inviteLink', code] as const,
  channelSearch: (q: string) => ['channelSearch', q] as const,
  search: (q: string) => ['search', q] as const,
  /** Record<conversationId, Message>: the latest message of each conversation (list previews). */
  latest: ['latest'] as const,
  /** MessageWindow of one conversation. */
  messages: (id: UUID) => ['messages', id] as const,
  presence: (ids: readonly UUID[]) => ['presence', [...ids].sort().join(',')] as const,
};
