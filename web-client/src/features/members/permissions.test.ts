import { describe, expect, it } from 'vitest';
import { can, type MemberAction } from './permissions.ts';

// actor, action, target -> allowed (the rows of docs/permissions.md that concern members)
const matrix: [string, MemberAction, string | undefined, boolean][] = [
  ['OWNER', 'add', undefined, true],
  ['ADMIN', 'add', undefined, true],
  ['MEMBER', 'add', undefined, false],
  ['OWNER', 'kick', 'ADMIN', true],
  ['OWNER', 'kick', 'MEMBER', true],
  ['ADMIN', 'kick', 'MEMBER', true],
  ['ADMIN', 'kick', 'ADMIN', false],
  ['ADMIN', 'kick', 'OWNER', false],
  ['MEMBER', 'kick', 'MEMBER', false],
  ['OWNER', 'ban', 'ADMIN', true],
  ['ADMIN', 'ban', 'MEMBER', true],
  ['ADMIN', 'ban', 'ADMIN', false],
  ['ADMIN', 'mute', 'OWNER', false],
  ['OWNER', 'mute', 'ADMIN', true],
  ['MEMBER', 'mute', 'MEMBER', false],
  ['ADMIN', 'readLog', undefined, true],
  ['MEMBER', 'readLog', undefined, false],
  ['OWNER', 'promote', 'MEMBER', true],
  ['ADMIN', 'promote', 'MEMBER', false],
  ['OWNER', 'demote', 'ADMIN', true],
  ['ADMIN', 'demote', 'ADMIN', false],
  ['OWNER', 'transfer', 'ADMIN', true],
  ['OWNER', 'transfer', 'MEMBER', true],
  ['ADMIN', 'transfer', 'MEMBER', false],
];

describe('member permissions', () => {
  it.each(matrix)('%s %s %s -> %s', (actor, action, target, allowed) => {
    expect(can(actor, action, target)).toBe(allowed);
  });
});
