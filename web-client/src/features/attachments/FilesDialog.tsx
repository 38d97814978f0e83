import { useInfiniteQuery } from '@tanstack/react-query';
import { humanMessage } from '../../api/http.ts';
import { mediaApi } from '../../api/media.ts';
import type { UUID } from '../../api/types.ts';
import { Button, Spinner } from '../../ui/Button.tsx';
import { Dialog } from '../../ui/Dialog.tsx';
import { formatFull } from '../../ui/format.ts';
import { AttachmentList } from '../messages/Attachments.tsx';

const PAGE = 30;

/** The conversation's files, newest first, page after page ("Files" in the header). */
export function FilesDialog({
  conversationId,
  nameOf,
  onClose,
}: {
  conversationId: UUID;
  nameOf: (userId: string) => string;
  onClose: () => void;
}) {
  const pages = useInfiniteQuery({
    queryKey: ['attachments', conversationId],
    queryFn: ({ pageParam }) => mediaApi.attachments(conversationId, pageParam, PAGE),
    initialPageParam: undefined as number | undefined,
    // No hasMore in the answer: a full page may have more before its oldest message.
    getNextPageParam: (last) => (last.items.length < PAGE ? undefined : last.items[last.items.length - 1]!.seq),
    staleTime: 0,
  });
  const items = pages.data?.pages.flatMap((p) => p.items).filter((m) => !m.deletedAt && m.attachments?.length) ?? [];
  return (
    <Dialog open onOpenChange={(o) => (o ? undefined : onClose())} title="Shared files">
      <div className="flex max-h-[28rem] flex-col overflow-y-auto px-5 pb-5 text-sm">
        {pages.isLoading ? (
          <Spinner label="Loading files" />
        ) : pages.error ? (
          <p className="text-danger">{humanMessage(pages.error)}</p>
        ) : items.length === 0 ? (
          <p className="text-muted-foreground">No files have been sent here yet.</p>
        ) : (
          <ol aria-label="Shared files" className="flex flex-col gap-3">
            {items.map((m) => (
              <li key={m.id} data-testid="files-entry" className="rounded-lg bg-muted px-3 py-2">
                <p className="text-xs text-muted-foreground">
                  <span className="font-semibold">{nameOf(m.senderId)}</span> · {formatFull(m.createdAt)}
                </p>
                <AttachmentList attachments={m.attachments!} mine={false} />
              </li>
            ))}
          </ol>
        )}
        {pages.hasNextPage ? (
          <Button
            variant="ghost"
            size="sm"
            className="mt-2 self-center"
            disabled={pages.isFetchingNextPage}
            onClick={() => void pages.fetchNextPage()}
          >
            {pages.isFetchingNextPage ? 'Loading…' : 'Older files'}
          </Button>
        ) : null}
      </div>
    </Dialog>
  );
}
