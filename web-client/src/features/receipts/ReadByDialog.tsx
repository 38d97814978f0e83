import type { Message } from '../../api/types.ts';
import { Dialog } from '../../ui/Dialog.tsx';
import { readersOf, type Cursors } from './cursors.ts';

/** Who read one's own message in a group, and who has it delivered but not read yet. */
export function ReadByDialog({
  message,
  cursors,
  nameOf,
  onClose,
}: {
  message: Message;
  cursors: Cursors | undefined;
  nameOf: (userId: string) => string;
  onClose: () => void;
}) {
  const { read, delivered } = readersOf(message.seq, message.senderId, cursors);
  const section = (title: string, users: string[], testId: string) => (
    <section aria-label={title} data-testid={testId}>
      <h3 className="mb-1 text-xs font-semibold uppercase tracking-wide text-muted-foreground">
        {title} · {users.length}
      </h3>
      {users.length === 0 ? (
        <p className="text-sm text-muted-foreground">Nobody yet</p>
      ) : (
        <ul className="flex flex-col gap-1 text-sm">
          {users.map((u) => (
            <li key={u}>{nameOf(u)}</li>
          ))}
        </ul>
      )}
    </section>
  );
  return (
    <Dialog open onOpenChange={(o) => (o ? undefined : onClose())} title="Message info">
      <div className="flex max-h-96 flex-col gap-4 overflow-y-auto px-5 pb-5">
        {section('Read by', read, 'read-by')}
        {section('Delivered to', delivered, 'delivered-to')}
      </div>
    </Dialog>
  );
}
