import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { conversationsApi } from '../../api/conversations.ts';
import { humanMessage, isApiError } from '../../api/http.ts';
import type { Conversation, NotificationLevel, UpdateConversationRequest } from '../../api/types.ts';
import { useChat } from '../../app/ChatContext.tsx';
import { qk } from '../../app/queryKeys.ts';
import { Button } from '../../ui/Button.tsx';
import { Dialog } from '../../ui/Dialog.tsx';
import { Field } from '../../ui/Input.tsx';

/** The caller's role in a conversation, from its own entry (a channel lists only the caller). */
export function myRole(conversation: Conversation, me: string): string | undefined {
  return conversation.members.find((m) => m.userId === me)?.role;
}

const MUTE_FOR: { label: string; ms: number | null }[] = [
  { label: 'Not muted', ms: null },
  { label: '1 hour', ms: 3_600_000 },
  { label: '8 hours', ms: 8 * 3_600_000 },
  { label: '1 week', ms: 7 * 24 * 3_600_000 },
];

/**
 * A conversation's settings: its details (name, description, topic; for channels who can find it, announcements
 * only; archived) for the owner and admins, and everyone's own notification settings.
 */
export function SettingsDialog({
  conversation,
  open,
  onOpenChange,
}: {
  conversation: Conversation;
  open: boolean;
  onOpenChange: (o: boolean) => void;
}) {
  const { me } = useChat();
  const role = myRole(conversation, me);
  const editable = conversation.type !== 'DIRECT' && (role === 'OWNER' || role === 'ADMIN');
  const channel = conversation.type === 'CHANNEL';
  const [title, setTitle] = useState(conversation.title ?? '');
  const [description, setDescription] = useState(conversation.description ?? '');
  const [topic, setTopic] = useState(conversation.topic ?? '');
  const [readOnly, setReadOnly] = useState(conversation.readOnly);
  const [archived, setArchived] = useState(conversation.archived);
  const [publicChannel, setPublicChannel] = useState(conversation.visibility === 'PUBLIC');
  const [notifications, setNotifications] = useState<NotificationLevel>(conversation.preferences.notifications);
  const [muteFor, setMuteFor] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const queryClient = useQueryClient();

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setFieldErrors({});
    try {
      if (editable) {
        const changes: UpdateConversationRequest = {};
        if (title.trim() !== (conversation.title ?? '')) changes.title = title.trim();
        if (description.trim() !== (conversation.description ?? '')) changes.description = description.trim() || null;
        if (topic.trim() !== (conversation.topic ?? '')) changes.topic = topic.trim() || null;
        if (archived !== conversation.archived) changes.archived = archived;
        if (channel && readOnly !== conversation.readOnly) changes.readOnly = readOnly;
        if (channel && publicChannel !== (conversation.visibility === 'PUBLIC')) changes.visibility = publicChannel ? 'PUBLIC' : 'PRIVATE';
        if (Object.keys(changes).length) {
          const updated = await conversationsApi.update(conversation.id, changes);
          queryClient.setQueryData(qk.conversation(conversation.id), updated);
        }
      }
      const mutedUntil = muteFor === null ? conversation.preferences.mutedUntil : muteFor === 0 ? null : new Date(Date.now() + muteFor).toISOString();
      if (notifications !== conversation.preferences.notifications || mutedUntil !== conversation.preferences.mutedUntil) {
        await conversationsApi.setPreferences(conversation.id, { notifications, mutedUntil });
      }
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: qk.conversation(conversation.id) }),
        queryClient.invalidateQueries({ queryKey: qk.conversations }),
      ]);
      onOpenChange(false);
    } catch (err) {
      const fields = isApiError(err) ? err.fieldErrors : {};
      setFieldErrors(fields);
      setError(Object.keys(fields).length ? null : humanMessage(err));
    } finally {
      setBusy(false);
    }
  }

  const mutedUntil = conversation.preferences.mutedUntil;
  return (
    <Dialog open={open} onOpenChange={onOpenChange} title={channel ? 'Channel settings' : 'Settings'}>
      <form onSubmit={submit} noValidate aria-label="Settings" className="flex min-h-0 flex-col gap-3 overflow-y-auto px-5 pb-5">
        {editable ? (
          <>
            <Field label="Name" name="title" value={title} maxLength={100} onChange={(e) => setTitle(e.target.value)} error={fieldErrors.title} />
            <Field label="Description" name="description" value={description} maxLength={1000} onChange={(e) => setDescription(e.target.value)} error={fieldErrors.description} />
            <Field label="Topic" name="topic" value={topic} maxLength={250} onChange={(e) => setTopic(e.target.value)} error={fieldErrors.topic} />
            {channel ? (
              <>
                <label className="flex items-center gap-2 text-sm">
                  <input type="checkbox" checked={publicChannel} onChange={(e) => setPublicChannel(e.target.checked)} />
                  Public: anyone can find and join it
                </label>
                <label className="flex items-center gap-2 text-sm">
                  <input type="checkbox" checked={readOnly} onChange={(e) => setReadOnly(e.target.checked)} />
                  Announcements only (only the owner and admins post)
                </label>
              </>
            ) : null}
            <label className="flex items-center gap-2 text-sm">
              <input type="checkbox" checked={archived} onChange={(e) => setArchived(e.target.checked)} />
              Archived (read only for everyone)
            </label>
          </>
        ) : conversation.description || conversation.topic ? (
          <div className="text-sm">
            {conversation.description ? <p>{conversation.description}</p> : null}
            {conversation.topic ? <p className="mt-1 text-muted-foreground">Topic: {conversation.topic}</p> : null}
          </div>
        ) : null}
        <fieldset className="flex flex-col gap-1.5 border-t border-border pt-3">
          <legend className="mb-1 text-sm font-medium">Notify me about</legend>
          {(['ALL', 'MENTIONS', 'NONE'] as const).map((level) => (
            <label key={level} className="flex items-center gap-2 text-sm">
              <input type="radio" name="notifications" checked={notifications === level} onChange={() => setNotifications(level)} />
              {level === 'ALL' ? 'Every message' : level === 'MENTIONS' ? 'Only mentions of me' : 'Nothing'}
            </label>
          ))}
        </fieldset>
        <label className="flex flex-col gap-1.5 text-sm">
          <span className="font-medium">
            Mute notifications{mutedUntil && new Date(mutedUntil) > new Date() ? ` (muted until ${new Date(mutedUntil).toLocaleString()})` : ''}
          </span>
          <select
            className="rounded-lg border border-border bg-background px-3 py-2"
            value={muteFor === null ? '' : String(muteFor)}
            onChange={(e) => setMuteFor(e.target.value === '' ? null : Number(e.target.value))}
          >
            <option value="">Keep as is</option>
            {MUTE_FOR.map((m) => (
              <option key={m.label} value={m.ms ?? 0}>
                {m.label}
              </option>
            ))}
          </select>
        </label>
        {error ? (
          <p role="alert" className="text-sm text-danger">
            {error}
          </p>
        ) : null}
        <div className="flex justify-end">
          <Button type="submit" loading={busy}>
            Save
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
