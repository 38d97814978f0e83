import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { conversationsApi } from '../../api/conversations.ts';
import { humanMessage, isApiError } from '../../api/http.ts';
import type { Visibility } from '../../api/types.ts';
import { useChat } from '../../app/ChatContext.tsx';
import { conversationPath, navigate } from '../../app/router.tsx';
import { Button } from '../../ui/Button.tsx';
import { Dialog } from '../../ui/Dialog.tsx';
import { Field } from '../../ui/Input.tsx';
import { rememberConversation } from '../conversations/NewMessageDialog.tsx';

/** A channel: a name, an optional description, public (anyone finds and joins it) or private, and read-only. */
export function NewChannelDialog({ open, onOpenChange }: { open: boolean; onOpenChange: (o: boolean) => void }) {
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [visibility, setVisibility] = useState<Visibility>('PUBLIC');
  const [readOnly, setReadOnly] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const queryClient = useQueryClient();
  const { engine } = useChat();

  function reset() {
    setName('');
    setDescription('');
    setVisibility('PUBLIC');
    setReadOnly(false);
    setError(null);
    setFieldErrors({});
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    if (!name.trim()) {
      setFieldErrors({ name: 'Give the channel a name.' });
      return;
    }
    setFieldErrors({});
    setBusy(true);
    try {
      const c = await conversationsApi.createChannel({
        name: name.trim(),
        ...(description.trim() ? { description: description.trim() } : {}),
        visibility,
        readOnly,
      });
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
      title="New channel"
      description="Channels are for topics: anyone can find and join a public one."
    >
      <form onSubmit={submit} noValidate aria-label="New channel" className="flex flex-col gap-3 px-5 pb-5">
        <Field label="Channel name" name="name" value={name} maxLength={100} onChange={(e) => setName(e.target.value)} error={fieldErrors.name} autoFocus />
        <Field
          label="Description (optional)"
          name="description"
          value={description}
          maxLength={1000}
          onChange={(e) => setDescription(e.target.value)}
          error={fieldErrors.description}
        />
        <fieldset className="flex flex-col gap-1.5">
          <legend className="mb-1 text-sm font-medium">Who can find it</legend>
          <label className="flex items-center gap-2 text-sm">
            <input type="radio" name="visibility" checked={visibility === 'PUBLIC'} onChange={() => setVisibility('PUBLIC')} />
            Public: anyone can find and join it
          </label>
          <label className="flex items-center gap-2 text-sm">
            <input type="radio" name="visibility" checked={visibility === 'PRIVATE'} onChange={() => setVisibility('PRIVATE')} />
            Private: by invitation only
          </label>
        </fieldset>
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" checked={readOnly} onChange={(e) => setReadOnly(e.target.checked)} />
          Announcements only (only the owner and admins post)
        </label>
        {error ? (
          <p role="alert" className="text-sm text-danger">
            {error}
          </p>
        ) : null}
        <div className="flex justify-end">
          <Button type="submit" loading={busy}>
            Create channel
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
