import { request } from './http.ts';
import type {
  CreateInviteLinkRequest,
  Invitation,
  InvitationList,
  InviteLink,
  InviteLinkList,
  InviteLinkPreview,
  InviteRequest,
  JoinResult,
  UUID,
} from './types.ts';

const base = (id: UUID) => `/api/conversations/${encodeURIComponent(id)}`;

export const invitationsApi = {
  /** The caller's pending invitations, newest first. */
  mine: () => request<InvitationList>('/api/invitations'),
  accept: (id: UUID) => request<JoinResult>(`/api/invitations/${encodeURIComponent(id)}/accept`, { method: 'POST' }),
  decline: (id: UUID) => request<void>(`/api/invitations/${encodeURIComponent(id)}/decline`, { method: 'POST' }),
  invite: (conversationId: UUID, body: InviteRequest) =>
    request<{ invitations: Invitation[] }>(`${base(conversationId)}/invitations`, { method: 'POST', body }),
  pending: (conversationId: UUID) => request<InvitationList>(`${base(conversationId)}/invitations`),
  revoke: (conversationId: UUID, invitationId: UUID) =>
    request<void>(`${base(conversationId)}/invitations/${encodeURIComponent(invitationId)}`, { method: 'DELETE' }),
};

export const inviteLinksApi = {
  create: (conversationId: UUID, body: CreateInviteLinkRequest) =>
    request<InviteLink>(`${base(conversationId)}/invite-links`, { method: 'POST', body }),
  list: (conversationId: UUID) => request<InviteLinkList>(`${base(conversationId)}/invite-links`),
  revoke: (conversationId: UUID, code: string) =>
    request<void>(`${base(conversationId)}/invite-links/${encodeURIComponent(code)}`, { method: 'DELETE' }),
  preview: (code: string) => request<InviteLinkPreview>(`/api/invite-links/${encodeURIComponent(code)}`),
  join: (code: string) => request<JoinResult>(`/api/invite-links/${encodeURIComponent(code)}/join`, { method: 'POST' }),
};

/** The page a link opens: https://host/join/{code}. */
export function inviteUrl(code: string): string {
  return `${window.location.origin}/join/${encodeURIComponent(code)}`;
}
