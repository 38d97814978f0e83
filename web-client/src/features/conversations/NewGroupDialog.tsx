import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { conversationsApi } from '../../api/conversations.ts';
import { humanMessage, isApiError } from '../../api/http.ts';
import type { User } from '../../api/types.ts';
import { useChat } from '../../app/ChatContext.tsx';
import { conversationPath, navigate } from '../../app/router.tsx';
import { Button } from '../../ui/Button.tsx';
import { Dialog } from '../../ui/Dialog.tsx';
import { Field } from '../../ui/Input.tsx';
import { XIcon } from '../../ui/icons.tsx';
import { rememberConversation } from './NewMessageDialog.tsx';
import { useUserSearch } from './queries.ts';
import { UserResults, UserSearchInput } from './UserResults.tsx';

export function NewGroupDialog({ open, onOpenChange }: { open: boolean; onOpenChange: (o: boolean) => void }) {
  const [title, setTitle] = useState('');
  const [query, setQuery] = useState('');
  const [members, setMembers] = useState<User[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const search = useUserSearch(query);
  const queryClient = useQueryClient();
  const { engine } = useChat();
  const selected = new Set(members.map((m) => m.userId));

  function reset() {
    setTitle('');
    setQuery('');
    setMembers([]);
    setError(null);
    setFieldErrors({});
  }

  function toggle(u: User) {
    setMembers((prev) => (prev.some((m) => m.userId === u.userId) ? prev.filter((m) => m.userId !== u.userId) : [...prev, u]));
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    const local: Record<string, string> = {};
    if (!title.trim()) local.title = 'Give the group a name.';
    if (members.length === 0) local.memberIds = 'Add at least one person.';
    setFieldErrors(local);
    setError(null);
    if (Object.keys(local).length) return;
    setBusy(true);
    try {
      const c = await conversationsApi.createGroup(title.trim(), members.map((m) => m.userId));
      rememberConversation(queryClient, c);
      engine.hold(c.id, 0);
      onOpenChange(false);
      reset();
      navigate(conversationPath(c.id));
    } catch (err) {
      const fields = isApiError(err) ? err.fieldErrors : {};
      setFieldErrors(fields);
      setError(Object.keys(fields).length ? null : humanMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog
      open={open}
      onOpenChange={(o) => {
        onOpenChange(o);
        if (!o) reset();
      }}
      title="New group"
      description="Name the group and add people."
    >
      <form onSubmit={submit} noValidate className="flex min-h-0 flex-1 flex-col" aria-label="New group">
        <div className="flex flex-col gap-3 px-5 pb-3">
          <Field
            label="Group name"
            name="title"
            value={title}
            maxLength={100}
            onChange={(e) => setTitle(e.target.value)}
            error={fieldErrors.title}
            autoFocus
          />
          <div className="flex flex-col gap-1.5">
            <label htmlFor="group-add-people" className="text-sm font-medium">
              Add people
            </label>
            <UserSearchInput
              id="group-add-people"
              value={query}
              onQuery={setQuery}
              aria-invalid={fieldErrors.memberIds ? true : undefined}
              aria-describedby={fieldErrors.memberIds ? 'group-members-error' : undefined}
            />
            {fieldErrors.memberIds ? (
              <p id="group-members-error" className="text-xs font-medium text-danger">
                {fieldErrors.memberIds}
              </p>
            ) : null}
          </div>
          {members.length > 0 ? (
            <ul aria-label="Selected people" className="flex flex-wrap gap-1.5">
              {members.map((m) => (
                <li key={m.userId} className="inline-flex items-center gap-1 rounded-full bg-accent py-0.5 pl-2.5 pr-1 text-sm text-accent-foreground">
                  {m.displayName}
                  <button
                    type="button"
                    aria-label={`Remove ${m.displayName}`}
                    onClick={() => toggle(m)}
                    className="rounded-full p-0.5 hover:bg-background/60 focus-visible:outline-2 focus-visible:outline-ring cursor-pointer"
                  >
                    <XIcon className="h-3.5 w-3.5" />
                  </button>
                </li>
              ))}
            </ul>
          ) : null}
        </div>
        <div className="min-h-32 flex-1 overflow-y-auto border-t border-border pt-2">
          <UserResults
            query={query}
            users={search.users}
            settled={search.settled}
            isFetching={search.isFetching}
            error={search.error}
            onPick={toggle}
            selected={selected}
          />
        </div>
        <div className="flex items-center justify-between gap-3 border-t border-border px-5 py-3">
          <span className="text-sm text-muted-foreground">
            {members.length === 0 ? 'No one added yet' : `${members.length} ${members.length === 1 ? 'person' : 'people'} + you`}
          </span>
          <div className="flex flex-col items-end">
            {error ? (
              <p role="alert" className="mb-2 text-sm text-danger">
                {error}
              </p>
            ) : null}
            <Button type="submit" loading={busy}>
              Create group
            </Button>
          </div>
        </div>
      </form>
    </Dialog>
  );
}
