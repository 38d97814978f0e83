import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { humanMessage, isApiError } from '../../api/http.ts';
import { inviteLinksApi } from '../../api/invitations.ts';
import { useChat } from '../../app/ChatContext.tsx';
import { qk } from '../../app/queryKeys.ts';
import { conversationPath, Link, navigate } from '../../app/router.tsx';
import { Button, Spinner } from '../../ui/Button.tsx';

/** /join/{code}: what the link leads to, and a button to join it. */
export function JoinLinkPage({ code }: { code: string }) {
  const preview = useQuery({
    queryKey: qk.inviteLink(code),
    queryFn: () => inviteLinksApi.preview(code),
    retry: false,
  });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const queryClient = useQueryClient();
  const { engine } = useChat();

  async function join() {
    setBusy(true);
    setError(null);
    try {
      const res = await inviteLinksApi.join(code);
      engine.holdIfNew(res.conversationId, 0);
      await queryClient.invalidateQueries({ queryKey: qk.conversations });
      navigate(conversationPath(res.conversationId), { replace: true });
    } catch (err) {
      setError(humanMessage(err));
    } finally {
      setBusy(false);
    }
  }

  const p = preview.data;
  return (
    <section aria-label="Invite link" className="flex flex-1 flex-col items-center justify-center gap-3 p-8 text-center">
      {preview.isLoading ? (
        <Spinner label="Loading invitation" />
      ) : preview.error || !p ? (
        <>
          <p className="text-base font-semibold">This invite link is not valid</p>
          <p className="max-w-sm text-sm text-muted-foreground">
            {isApiError(preview.error) && preview.error.status === 404 ? 'It may have expired, been used up or been revoked.' : humanMessage(preview.error)}
          </p>
          <Link href="/" className="text-sm text-primary underline">
            Back to your conversations
          </Link>
        </>
      ) : (
        <>
          <p className="text-sm text-muted-foreground">You are invited to join</p>
          <h1 className="text-xl font-semibold">{p.type === 'CHANNEL' ? `# ${p.title}` : p.title}</h1>
          <p className="text-sm text-muted-foreground">
            {p.memberCount} {p.memberCount === 1 ? 'member' : 'members'}
          </p>
          {error ? (
            <p role="alert" className="text-sm text-danger">
              {error}
            </p>
          ) : null}
          {p.alreadyMember ? (
            <Button onClick={() => navigate(conversationPath(p.conversationId), { replace: true })}>Open</Button>
          ) : (
            <Button loading={busy} onClick={() => void join()}>
              Join
            </Button>
          )}
        </>
      )}
    </section>
  );
}
