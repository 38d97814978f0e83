import type { Role } from '../../api/types.ts';

/**
 * What a role may do to the members of a group: the client's copy of conversation-service's permission matrix
 * (docs/permissions.md), used only to show exactly the actions the caller may take. The service decides.
 */
export type MemberAction = 'add' | 'kick' | 'ban' | 'mute' | 'promote' | 'demote' | 'transfer' | 'readLog';

export function can(actor: Role | string | undefined, action: MemberAction, target?: Role | string): boolean {
  switch (action) {
    case 'add':
      return actor === 'OWNER' || actor === 'ADMIN';
    case 'readLog':
      return actor === 'OWNER' || actor === 'ADMIN';
    case 'kick':
    case 'ban':
    case 'mute':
      // Admins cannot act on the owner or on other admins.
      return (actor === 'OWNER' && target !== 'OWNER') || (actor === 'ADMIN' && target === 'MEMBER');
    case 'promote':
      return actor === 'OWNER' && target === 'MEMBER';
    case 'demote':
      return actor === 'OWNER' && target === 'ADMIN';
    case 'transfer':
      return actor === 'OWNER' && target !== undefined && target !== 'OWNER';
  }
}

export const ROLE_LABEL: Record<string, string> = { OWNER: 'Owner', ADMIN: 'Admin', MEMBER: 'Member' };

/** Whether `actor` may act on a member holding `target`: the owner on anyone else, admins on members only. */
export function outranks(actor: string | undefined, target: string | undefined): boolean {
  const rank = (r: string | undefined) => (r === 'OWNER' ? 0 : r === 'ADMIN' ? 1 : 2);
  return (actor === 'OWNER' || actor === 'ADMIN') && rank(actor) < rank(target);
}
