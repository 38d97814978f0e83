import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { humanMessage } from '../../api/http.ts';
import { invitationsApi } from '../../api/invitations.ts';
import type { Invitation } from '../../api/types.ts';
import { useChat } from '../../app/ChatContext.tsx';
import { qk } from '../../app/queryKeys.ts';
import { conversationPath, navigate } from '../../app/router.tsx';
import { Button } from '../../ui/Button.tsx';

export function useInvitations() {
  return useQuery({
    queryKey: qk.invitations,
    queryFn: async () => (await invitationsApi.mine()).invitations,
    staleTime: 30_000,
    // `invited` pushes refresh it at once; this only covers a lost push.
    refetchInterval: 120_000,
  });
}

/** The caller's pending invitations, above the conversation list: accept or decline each. */
export function InvitationsList() {
  const { data } = useInvitations();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const queryClient = useQueryClient();
  const { engine } = useChat();
  if (!data?.length) return null;

  async function answer(inv: Invitation, accept: boolean) {
    setBusy(inv.id);
    setError(null);
    try {
      if (accept) {
        const res = await invitationsApi.accept(inv.id);
        engine.holdIfNew(res.conversationId, 0);
        await queryClient.invalidateQueries({ queryKey: qk.conversations });
        navigate(conversationPath(res.conversationId));
      } else {
        await invitationsApi.decline(inv.id);
      }
    } catch (err) {
      setError(humanMessage(err));
    } finally {
      setBusy(null);
      void queryClient.invalidateQueries({ queryKey: qk.invitations });
    }
  }

  return (
    <section aria-label="Invitations" className="mx-3 mb-2 rounded-xl border border-border bg-muted/40 p-2">
      <h2 className="px-1 pb-1 text-xs font-semibold uppercase tracking-wide text-muted-foreground">Invitations</h2>
      {error ? (
        <p role="alert" className="px-1 pb-1 text-xs text-danger">
          {error}
        </p>
      ) : null}
      <ul className="flex flex-col gap-1">
        {data.map((inv) => (
          <li key={inv.id} className="flex items-center gap-2 px-1 text-sm" data-testid="invitation">
            <span className="min-w-0 flex-1 truncate">
              <span className="font-medium">{inv.conversationTitle ?? 'A conversation'}</span>
              {inv.invitedByName ? <span className="text-muted-foreground"> from {inv.invitedByName}</span> : null}
            </span>
            <Button size="sm" loading={busy === inv.id} onClick={() => void answer(inv, true)} aria-label={`Accept ${inv.conversationTitle ?? 'invitation'}`}>
              Accept
            </Button>
            <Button size="sm" variant="ghost" disabled={busy === inv.id} onClick={() => void answer(inv, false)} aria-label={`Decline ${inv.conversationTitle ?? 'invitation'}`}>
              Decline
            </Button>
          </li>
        ))}
      </ul>
    </section>
  );
}
