import { request } from './http.ts';
import type {
  AddMembersRequest,
  Ban,
  ModerationLogPage,
  Mute,
  MutePage,
  RestrictRequest,
  AddMembersResult,
  ChangeRoleRequest,
  MemberEntry,
  MemberPage,
  OwnershipChange,
  TransferOwnershipRequest,
  UUID,
} from './types.ts';

const base = (id: UUID) => `/api/conversations/${encodeURIComponent(id)}`;

export const membersApi = {
  page: (id: UUID, after?: string | null, limit = 200) =>
    request<MemberPage>(`${base(id)}/members`, { query: { limit, after: after ?? undefined } }),
  /** Every member, page by page (a group has at most 1,000). */
  async all(id: UUID): Promise<MemberEntry[]> {
    const all: MemberEntry[] = [];
    let cursor: string | null = null;
    do {
      const page: MemberPage = await membersApi.page(id, cursor);
      all.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    return all;
  },
  add: (id: UUID, userIds: UUID[]) =>
    request<AddMembersResult>(`${base(id)}/members`, {
      method: 'POST',
      body: { userIds } satisfies AddMembersRequest,
    }),
  /** Leave (yourself) or remove someone else. */
  remove: (id: UUID, userId: UUID) =>
    request<void>(`${base(id)}/members/${encodeURIComponent(userId)}`, { method: 'DELETE' }),
  setRole: (id: UUID, userId: UUID, role: 'ADMIN' | 'MEMBER') =>
    request<MemberEntry>(`${base(id)}/members/${encodeURIComponent(userId)}/role`, {
      method: 'PUT',
      body: { role } satisfies ChangeRoleRequest,
    }),
  transferOwnership: (id: UUID, userId: UUID) =>
    request<OwnershipChange>(`${base(id)}/owner`, {
      method: 'POST',
      body: { userId } satisfies TransferOwnershipRequest,
    }),
  ban: (id: UUID, restriction: RestrictRequest) =>
    request<Ban>(`${base(id)}/bans`, { method: 'POST', body: restriction }),
  unban: (id: UUID, userId: UUID) =>
    request<void>(`${base(id)}/bans/${encodeURIComponent(userId)}`, { method: 'DELETE' }),
  mute: (id: UUID, restriction: RestrictRequest) =>
    request<Mute>(`${base(id)}/mutes`, { method: 'POST', body: restriction }),
  unmute: (id: UUID, userId: UUID) =>
    request<void>(`${base(id)}/mutes/${encodeURIComponent(userId)}`, { method: 'DELETE' }),
  /** Active mutes (owner/admin only). */
  mutes: (id: UUID) => request<MutePage>(`${base(id)}/mutes`, { query: { limit: 200 } }),
  /** The latest moderation actions, newest first (owner/admin only). */
  log: (id: UUID, before?: string | null, limit = 20) =>
    request<ModerationLogPage>(`${base(id)}/moderation-log`, { query: { limit, before: before ?? undefined } }),
};
