import * as Menu from '@radix-ui/react-dropdown-menu';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { humanMessage } from '../../api/http.ts';
import { membersApi } from '../../api/members.ts';
import type { Conversation, MemberEntry, User } from '../../api/types.ts';
import { useChat } from '../../app/ChatContext.tsx';
import { qk } from '../../app/queryKeys.ts';
import { navigate } from '../../app/router.tsx';
import { Avatar } from '../../ui/Avatar.tsx';
import { Button, Spinner } from '../../ui/Button.tsx';
import { Dialog } from '../../ui/Dialog.tsx';
import { useUserSearch } from '../conversations/queries.ts';
import { UserResults, UserSearchInput } from '../conversations/UserResults.tsx';
import { can, ROLE_LABEL } from './permissions.ts';
import { RestrictDialog, type Restriction } from './RestrictDialog.tsx';

const item =
  'flex cursor-pointer select-none items-center gap-2 rounded-md px-2 py-1.5 text-sm outline-none data-[highlighted]:bg-muted';

export function useMembers(conversationId: string, enabled: boolean) {
  return useQuery({
    queryKey: qk.members(conversationId),
    queryFn: () => membersApi.all(conversationId),
    enabled,
    staleTime: 30_000,
  });
}

/** Who is muted, and the latest moderation actions: for owners and admins only. */
function useModeration(conversationId: string, enabled: boolean) {
  const mutes = useQuery({
    queryKey: qk.mutes(conversationId),
    queryFn: () => membersApi.mutes(conversationId),
    enabled,
    staleTime: 30_000,
  });
  const log = useQuery({
    queryKey: qk.moderationLog(conversationId),
    queryFn: () => membersApi.log(conversationId),
    enabled,
    staleTime: 30_000,
  });
  return { muted: new Set((mutes.data?.items ?? []).map((m) => m.userId)), log };
}

const noun = (c: Conversation) => (c.type === 'CHANNEL' ? 'channel' : 'group');

const LOG_VERBS: Record<string, string> = {
  KICK: 'removed',
  BAN: 'banned',
  UNBAN: 'unbanned',
  MUTE: 'muted',
  UNMUTE: 'unmuted',
  PROMOTE: 'made admin',
  DEMOTE: 'removed admin from',
  TRANSFER_OWNERSHIP: 'made owner',
};

/** The members of a group with their roles, and exactly the actions the caller's role allows on each. */
export function MembersDialog({
  conversation,
  open,
  onOpenChange,
}: {
  conversation: Conversation;
  open: boolean;
  onOpenChange: (o: boolean) => void;
}) {
  const id = conversation.id;
  const { me, engine } = useChat();
  const queryClient = useQueryClient();
  const members = useMembers(id, open);
  const [query, setQuery] = useState('');
  const search = useUserSearch(query);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [restricting, setRestricting] = useState<{ kind: Restriction; member: MemberEntry } | null>(null);
  const list = members.data ?? [];
  const myRole = list.find((m) => m.userId === me)?.role;
  const memberIds = new Set(list.map((m) => m.userId));
  const moderation = useModeration(id, open && can(myRole, 'readLog'));
  const nameOf = (userId: string) => {
    const m = list.find((x) => x.userId === userId);
    return m ? m.displayName || m.username || 'Someone' : 'a former member';
  };

  async function act(key: string, run: () => Promise<unknown>, after?: () => void) {
    setBusy(key);
    setError(null);
    try {
      await run();
      after?.();
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: qk.members(id) }),
        queryClient.invalidateQueries({ queryKey: qk.mutes(id) }),
        queryClient.invalidateQueries({ queryKey: qk.moderationLog(id) }),
        queryClient.invalidateQueries({ queryKey: qk.conversation(id) }),
        queryClient.invalidateQueries({ queryKey: qk.conversations }),
      ]);
    } catch (err) {
      setError(humanMessage(err));
    } finally {
      setBusy(null);
    }
  }

  const add = (u: User) => act(`add:${u.userId}`, () => membersApi.add(id, [u.userId]), () => setQuery(''));
  const leave = () =>
    act('leave', () => membersApi.remove(id, me), () => {
      engine.forget(id);
      onOpenChange(false);
      navigate('/');
    });

  return (
    <Dialog open={open} onOpenChange={onOpenChange} title="Members" description={`${list.length || conversation.memberCount} people in this ${noun(conversation)}`}>
      <div className="flex min-h-0 flex-1 flex-col">
        {can(myRole, 'add') ? (
          <div className="px-5 pb-2">
            <label htmlFor="members-add" className="sr-only">
              Add people
            </label>
            <UserSearchInput id="members-add" placeholder="Add people by username" value={query} onQuery={setQuery} />
            {query.trim() ? (
              <div className="max-h-48 overflow-y-auto">
                <UserResults
                  query={query}
                  users={search.users.filter((u) => !memberIds.has(u.userId))}
                  settled={search.settled}
                  isFetching={search.isFetching}
                  error={search.error}
                  onPick={add}
                  busyId={busy?.startsWith('add:') ? busy.slice(4) : null}
                />
              </div>
            ) : null}
          </div>
        ) : null}
        {error ? (
          <p role="alert" className="mx-5 mb-2 rounded-lg bg-danger-soft px-3 py-2 text-sm text-danger">
            {error}
          </p>
        ) : null}
        <ul aria-label="Members" className="min-h-0 flex-1 overflow-y-auto border-t border-border px-2 py-2">
          {members.isLoading ? (
            <li className="flex justify-center p-6">
              <Spinner className="h-5 w-5" label="Loading members" />
            </li>
          ) : members.error ? (
            <li className="p-4 text-sm text-danger">{humanMessage(members.error)}</li>
          ) : (
            list.map((m) => (
              <MemberRow
                key={m.userId}
                member={m}
                me={me}
                myRole={myRole}
                muted={moderation.muted.has(m.userId)}
                busy={busy}
                onAct={act}
                conversationId={id}
                noun={noun(conversation)}
                onRestrict={(kind, member) => setRestricting({ kind, member })}
              />
            ))
          )}
        </ul>
        {can(myRole, 'readLog') && moderation.log.data?.items.length ? (
          <details className="border-t border-border px-5 py-2 text-sm">
            <summary className="cursor-pointer py-1 font-medium">Moderation log</summary>
            <ol aria-label="Moderation log" className="max-h-40 overflow-y-auto py-1 text-muted-foreground">
              {moderation.log.data.items.map((e, i) => (
                <li key={i} className="py-0.5">
                  {nameOf(e.actorId)} {LOG_VERBS[e.action] ?? e.action.toLowerCase()} {nameOf(e.targetUserId)}
                  {e.reason ? ` (${e.reason})` : ''} · {new Date(e.at).toLocaleString()}
                </li>
              ))}
            </ol>
          </details>
        ) : null}
        {restricting ? (
          <RestrictDialog
            kind={restricting.kind}
            member={restricting.member}
            noun={noun(conversation)}
            onCancel={() => setRestricting(null)}
            onConfirm={(r) =>
              act(`member:${r.userId}`, () => (restricting.kind === 'ban' ? membersApi.ban(id, r) : membersApi.mute(id, r)), () =>
                setRestricting(null),
              )
            }
          />
        ) : null}
        <div className="flex items-center justify-between gap-3 border-t border-border px-5 py-3">
          <span className="text-xs text-muted-foreground">
            {myRole === 'OWNER' && list.length > 1 ? 'Make someone else the owner before you leave.' : ''}
          </span>
          <Button variant="secondary" size="sm" loading={busy === 'leave'} onClick={leave}>
            Leave {noun(conversation)}
          </Button>
        </div>
      </div>
    </Dialog>
  );
}

function MemberRow({
  member,
  me,
  myRole,
  muted,
  busy,
  onAct,
  conversationId,
  noun,
  onRestrict,
}: {
  member: MemberEntry;
  me: string;
  myRole: string | undefined;
  muted: boolean;
  busy: string | null;
  onAct: (key: string, run: () => Promise<unknown>) => Promise<void>;
  conversationId: string;
  noun: string;
  onRestrict: (kind: Restriction, member: MemberEntry) => void;
}) {
  const name = member.displayName || member.username || 'Someone';
  const actions = [
    can(myRole, 'promote', member.role) && {
      label: 'Make admin',
      run: () => membersApi.setRole(conversationId, member.userId, 'ADMIN'),
    },
    can(myRole, 'demote', member.role) && {
      label: 'Remove admin',
      run: () => membersApi.setRole(conversationId, member.userId, 'MEMBER'),
    },
    can(myRole, 'transfer', member.role) && {
      label: 'Make owner',
      run: () => membersApi.transferOwnership(conversationId, member.userId),
    },
    can(myRole, 'mute', member.role) &&
      (muted
        ? { label: 'Unmute', run: () => membersApi.unmute(conversationId, member.userId) }
        : { label: 'Mute…', open: () => onRestrict('mute', member) }),
    can(myRole, 'kick', member.role) && {
      label: `Remove from ${noun}`,
      danger: true,
      run: () => membersApi.remove(conversationId, member.userId),
    },
    can(myRole, 'ban', member.role) && {
      label: `Ban from ${noun}…`,
      danger: true,
      open: () => onRestrict('ban', member),
    },
  ].filter(Boolean) as { label: string; danger?: boolean; run?: () => Promise<unknown>; open?: () => void }[];
  const key = `member:${member.userId}`;
  return (
    <li className="flex items-center gap-3 rounded-lg px-3 py-2 hover:bg-muted/60" data-testid="member">
      <Avatar name={name} seed={member.userId} size="sm" />
      <div className="min-w-0 flex-1">
        <p className="truncate text-sm font-medium">
          {name}
          {member.userId === me ? <span className="text-muted-foreground"> (you)</span> : null}
        </p>
        {member.username ? <p className="truncate text-xs text-muted-foreground">@{member.username}</p> : null}
      </div>
      {muted ? (
        <span className="rounded-full bg-danger-soft px-2 py-0.5 text-xs font-medium text-danger">Muted</span>
      ) : null}
      {member.role !== 'MEMBER' ? (
        <span className="rounded-full bg-muted px-2 py-0.5 text-xs font-medium text-muted-foreground">
          {ROLE_LABEL[member.role] ?? member.role}
        </span>
      ) : null}
      {member.userId !== me && actions.length > 0 ? (
        <Menu.Root>
          <Menu.Trigger
            aria-label={`Actions for ${name}`}
            disabled={busy === key}
            className="rounded-lg px-2 py-1 text-sm text-muted-foreground hover:bg-muted focus-visible:outline-2 focus-visible:outline-ring cursor-pointer"
          >
            {busy === key ? <Spinner className="h-4 w-4" label="Working" /> : '•••'}
          </Menu.Trigger>
          <Menu.Portal>
            <Menu.Content align="end" sideOffset={4} className="z-50 min-w-44 rounded-xl border border-border bg-background p-1 shadow-xl animate-pop-in">
              {actions.map((a) => (
                <Menu.Item key={a.label} className={a.danger ? `${item} text-danger` : item} onSelect={() => (a.open ? a.open() : a.run && void onAct(key, a.run))}>
                  {a.label}
                </Menu.Item>
              ))}
            </Menu.Content>
          </Menu.Portal>
        </Menu.Root>
      ) : null}
    </li>
  );
}
