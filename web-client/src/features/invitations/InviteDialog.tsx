import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { humanMessage } from '../../api/http.ts';
import { invitationsApi, inviteLinksApi, inviteUrl } from '../../api/invitations.ts';
import type { Conversation, User } from '../../api/types.ts';
import { qk } from '../../app/queryKeys.ts';
import { Button, Spinner } from '../../ui/Button.tsx';
import { Dialog } from '../../ui/Dialog.tsx';
import { useUserSearch } from '../conversations/queries.ts';
import { UserResults, UserSearchInput } from '../conversations/UserResults.tsx';

const LINK_EXPIRY: { label: string; ms: number | null }[] = [
  { label: 'Never expires', ms: null },
  { label: 'Expires in 1 day', ms: 24 * 3_600_000 },
  { label: 'Expires in 7 days', ms: 7 * 24 * 3_600_000 },
];

/** For owners and admins: invite people (they accept or decline) and manage invite links. */
export function InviteDialog({
  conversation,
  open,
  onOpenChange,
}: {
  conversation: Conversation;
  open: boolean;
  onOpenChange: (o: boolean) => void;
}) {
  const id = conversation.id;
  const [query, setQuery] = useState('');
  const search = useUserSearch(query);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [expiry, setExpiry] = useState<number | null>(null);
  const [maxUses, setMaxUses] = useState('');
  const queryClient = useQueryClient();
  const pending = useQuery({
    queryKey: qk.conversationInvitations(id),
    queryFn: async () => (await invitationsApi.pending(id)).invitations,
    enabled: open,
  });
  const links = useQuery({
    queryKey: qk.inviteLinks(id),
    queryFn: async () => (await inviteLinksApi.list(id)).links,
    enabled: open,
  });
  const invited = new Set((pending.data ?? []).map((i) => i.userId));

  async function act(key: string, run: () => Promise<unknown>, done?: string) {
    setBusy(key);
    setError(null);
    setNotice(null);
    try {
      await run();
      if (done) setNotice(done);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: qk.conversationInvitations(id) }),
        queryClient.invalidateQueries({ queryKey: qk.inviteLinks(id) }),
      ]);
    } catch (err) {
      setError(humanMessage(err));
    } finally {
      setBusy(null);
    }
  }

  const invite = (u: User) =>
    act(`invite:${u.userId}`, () => invitationsApi.invite(id, { userIds: [u.userId] }), `Invited ${u.displayName}.`).then(() => setQuery(''));
  const createLink = () => {
    const uses = maxUses.trim() ? Number(maxUses) : null;
    if (uses !== null && (!Number.isInteger(uses) || uses < 1)) {
      setError('Maximum uses must be a whole number of at least 1.');
      return;
    }
    void act('link', () =>
      inviteLinksApi.create(id, {
        expiresAt: expiry === null ? null : new Date(Date.now() + expiry).toISOString(),
        maxUses: uses,
      }),
    );
  };
  const copy = (code: string) => {
    void navigator.clipboard?.writeText(inviteUrl(code)).then(
      () => setNotice('Link copied.'),
      () => setNotice(inviteUrl(code)),
    );
  };

  return (
    <Dialog open={open} onOpenChange={onOpenChange} title="Invite people" description="Invited people can accept or decline; anyone with a link can join.">
      <div className="flex min-h-0 flex-1 flex-col overflow-y-auto">
        <div className="px-5 pb-2">
          <label htmlFor="invite-people" className="sr-only">
            Invite people
          </label>
          <UserSearchInput id="invite-people" placeholder="Invite people by username" value={query} onQuery={setQuery} />
          {query.trim() ? (
            <div className="max-h-48 overflow-y-auto">
              <UserResults
                query={query}
                users={search.users.filter((u) => !invited.has(u.userId))}
                settled={search.settled}
                isFetching={search.isFetching}
                error={search.error}
                onPick={(u) => void invite(u)}
                busyId={busy?.startsWith('invite:') ? busy.slice(7) : null}
              />
            </div>
          ) : null}
        </div>
        {error ? (
          <p role="alert" className="mx-5 mb-2 rounded-lg bg-danger-soft px-3 py-2 text-sm text-danger">
            {error}
          </p>
        ) : null}
        {notice ? (
          <p role="status" className="mx-5 mb-2 break-all rounded-lg bg-muted px-3 py-2 text-sm">
            {notice}
          </p>
        ) : null}
        {pending.data?.length ? (
          <section aria-label="Pending invitations" className="border-t border-border px-5 py-2">
            <h3 className="pb-1 text-sm font-medium">Pending</h3>
            <ul className="flex flex-col gap-1">
              {pending.data.map((i) => (
                <li key={i.id} className="flex items-center justify-between gap-2 text-sm">
                  <span className="truncate">{i.userId === i.invitedBy ? 'You' : (search.users.find((u) => u.userId === i.userId)?.displayName ?? i.userId.slice(0, 8))}</span>
                  <Button size="sm" variant="ghost" loading={busy === `revoke:${i.id}`} onClick={() => void act(`revoke:${i.id}`, () => invitationsApi.revoke(id, i.id))}>
                    Revoke
                  </Button>
                </li>
              ))}
            </ul>
          </section>
        ) : null}
        <section aria-label="Invite links" className="border-t border-border px-5 py-3">
          <h3 className="pb-2 text-sm font-medium">Invite links</h3>
          <div className="flex flex-wrap items-center gap-2">
            <select
              aria-label="Link expiry"
              className="rounded-lg border border-border bg-background px-2 py-1.5 text-sm"
              value={expiry ?? ''}
              onChange={(e) => setExpiry(e.target.value === '' ? null : Number(e.target.value))}
            >
              {LINK_EXPIRY.map((x) => (
                <option key={x.label} value={x.ms ?? ''}>
                  {x.label}
                </option>
              ))}
            </select>
            <input
              aria-label="Maximum uses"
              placeholder="Max uses"
              inputMode="numeric"
              value={maxUses}
              onChange={(e) => setMaxUses(e.target.value)}
              className="w-24 rounded-lg border border-border bg-background px-2 py-1.5 text-sm"
            />
            <Button size="sm" loading={busy === 'link'} onClick={createLink}>
              Create link
            </Button>
          </div>
          {links.isLoading ? (
            <Spinner className="mt-2 h-4 w-4" label="Loading links" />
          ) : (
            <ul aria-label="Links" className="mt-2 flex flex-col gap-1">
              {(links.data ?? []).filter((l) => !l.revoked).map((l) => (
                <li key={l.code} className="flex items-center gap-2 text-sm" data-testid="invite-link">
                  <code className="min-w-0 flex-1 truncate" data-code={l.code}>
                    {inviteUrl(l.code)}
                  </code>
                  <span className="text-xs text-muted-foreground">
                    {l.uses}
                    {l.maxUses ? `/${l.maxUses}` : ''} used
                  </span>
                  <Button size="sm" variant="ghost" onClick={() => copy(l.code)}>
                    Copy
                  </Button>
                  <Button size="sm" variant="ghost" loading={busy === `unlink:${l.code}`} onClick={() => void act(`unlink:${l.code}`, () => inviteLinksApi.revoke(id, l.code))}>
                    Revoke
                  </Button>
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
    </Dialog>
  );
}
