import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { RegisterPage } from '../features/auth/RegisterPage.tsx';
import { Composer } from '../features/messages/Composer.tsx';
import { QUICK_REACTIONS } from '../features/messages/MessageActions.tsx';
import { RowView, type RowActions } from '../features/messages/MessageRow.tsx';
import type { Message } from '../api/types.ts';
import type { Row } from '../features/messages/rows.ts';

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('Composer', () => {
  it('Enter sends, Shift+Enter makes a new line, and the box clears', async () => {
    const onSend = vi.fn();
    render(<Composer conversationId="c1" onSend={onSend} />);
    const box = screen.getByRole('textbox', { name: 'Message' });
    await userEvent.type(box, 'line one{Shift>}{Enter}{/Shift}line two');
    expect(box).toHaveValue('line one\nline two');
    expect(onSend).not.toHaveBeenCalled();
    await userEvent.type(box, '{Enter}');
    expect(onSend).toHaveBeenCalledWith('line one\nline two', []);
    expect(box).toHaveValue('');
  });

  it('does not send blank messages; the Send button is disabled', async () => {
    const onSend = vi.fn();
    render(<Composer conversationId="c2" onSend={onSend} />);
    await userEvent.type(screen.getByRole('textbox', { name: 'Message' }), '   {Enter}');
    expect(onSend).not.toHaveBeenCalled();
    expect(screen.getByRole('button', { name: 'Send' })).toBeDisabled();
  });

  it('shows the 4000-character limit near it and enforces it', async () => {
    render(<Composer conversationId="c3" onSend={() => {}} />);
    const box = screen.getByRole('textbox', { name: 'Message' });
    expect(box).toHaveAttribute('maxLength', '4000');
    await userEvent.click(box);
    await userEvent.paste('x'.repeat(4000));
    expect(screen.getByText(/4,000 \/ 4,000/)).toBeInTheDocument();
    expect(box).toHaveAccessibleDescription(/limit reached/);
  });
});

describe('RegisterPage', () => {
  it('shows per-field errors from a problem+json answer next to the fields', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () =>
        new Response(
          JSON.stringify({
            type: 'about:blank',
            title: 'Conflict',
            status: 409,
            detail: 'The username "taken_name" is already taken.',
          }),
          { status: 409, headers: { 'Content-Type': 'application/problem+json' } },
        ),
      ),
    );
    render(<RegisterPage />);
    await userEvent.type(screen.getByLabelText('Username'), 'taken_name');
    await userEvent.type(screen.getByLabelText('Display name'), 'Taken');
    await userEvent.type(screen.getByLabelText('Password'), 'long-enough-pw');
    await userEvent.click(screen.getByRole('button', { name: 'Create account' }));
    const field = screen.getByLabelText('Username');
    await waitFor(() => expect(field).toHaveAccessibleDescription('The username "taken_name" is already taken.'));
    expect(field).toHaveAttribute('aria-invalid', 'true');
  });

  it('validates before calling the server', async () => {
    const fetchMock = vi.fn();
    vi.stubGlobal('fetch', fetchMock);
    render(<RegisterPage />);
    await userEvent.type(screen.getByLabelText('Username'), 'a b');
    await userEvent.type(screen.getByLabelText('Password'), 'short');
    await userEvent.click(screen.getByRole('button', { name: 'Create account' }));
    expect(fetchMock).not.toHaveBeenCalled();
    expect(screen.getByLabelText('Username')).toHaveAccessibleDescription(/letters, digits/);
    expect(screen.getByLabelText('Display name')).toHaveAccessibleDescription(/name people will see/);
    expect(screen.getByLabelText('Password')).toHaveAccessibleDescription('Use at least 8 characters.');
  });

  it('shows the server’s per-field errors (400 with errors[])', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () =>
        new Response(
          JSON.stringify({
            title: 'Bad Request',
            status: 400,
            detail: 'The request has invalid fields.',
            errors: [{ field: 'displayName', message: 'must not be blank' }],
          }),
          { status: 400, headers: { 'Content-Type': 'application/problem+json' } },
        ),
      ),
    );
    render(<RegisterPage />);
    await userEvent.type(screen.getByLabelText('Username'), 'valid_name');
    await userEvent.type(screen.getByLabelText('Display name'), 'x');
    await userEvent.type(screen.getByLabelText('Password'), 'long-enough-pw');
    await userEvent.click(screen.getByRole('button', { name: 'Create account' }));
    await waitFor(() => expect(screen.getByLabelText('Display name')).toHaveAccessibleDescription('must not be blank'));
    expect(screen.getByRole('alert')).toHaveTextContent('Please fix the highlighted fields.');
  });
});

describe('message rows', () => {
  const sent = (over: Partial<Message> = {}): Row => ({
    kind: 'message',
    key: 'k',
    head: true,
    tail: true,
    mine: true,
    message: { id: 'i', conversationId: 'x', seq: 3, senderId: 'me', clientMessageId: 'c-2', body: 'hey', replyToId: null, createdAt: new Date().toISOString(), ...over },
  });

  const actions: RowActions = {
    nameOf: () => 'Bob',
    onRetry: vi.fn(),
    onDiscard: vi.fn(),
    isGroup: false,
    abilities: (m) => ({
      canEdit: m.senderId === 'me' && !m.deletedAt,
      canDelete: m.senderId === 'me' && !m.deletedAt,
      canReact: !m.deletedAt,
      canPin: false,
    }),
    highlightSeq: null,
    editingId: null,
    onStartEdit: vi.fn(),
    onCancelEdit: vi.fn(),
    onSaveEdit: vi.fn(async () => {}),
    onDelete: vi.fn(),
    onHistory: vi.fn(),
    onReact: vi.fn(),
    onPin: vi.fn(),
  };

  it('a failed own message has data-status=failed and a Retry button with its clientMessageId', async () => {
    const row: Row = {
      kind: 'pending',
      key: 'm:c-1:me',
      head: true,
      tail: true,
      item: { clientMessageId: 'c-1', conversationId: 'x', body: 'hello', createdAt: new Date().toISOString(), status: 'failed', error: 'Not sent: no connection.', attempts: 1 },
    };
    render(<RowView row={row} actions={actions} />);
    expect(screen.getByTestId('message')).toHaveAttribute('data-status', 'failed');
    await userEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(actions.onRetry).toHaveBeenCalledWith('c-1');
  });

  it('a pending own message is marked pending; a confirmed one sent', () => {
    const { rerender } = render(
      <RowView
        row={{ kind: 'pending', key: 'k', head: true, tail: true, item: { clientMessageId: 'c-2', conversationId: 'x', body: 'hey', createdAt: new Date().toISOString(), status: 'sending', attempts: 1 } }}
        actions={actions}
      />,
    );
    expect(screen.getByTestId('message')).toHaveAttribute('data-status', 'pending');
    rerender(
      <RowView
        row={{
          kind: 'message', key: 'k', head: true, tail: true, mine: true,
          message: { id: 'i', conversationId: 'x', seq: 3, senderId: 'me', clientMessageId: 'c-2', body: 'hey', replyToId: null, createdAt: new Date().toISOString() },
        }}
        actions={actions}
      />,
    );
    expect(screen.getByTestId('message')).toHaveAttribute('data-status', 'sent');
  });

  it('an own message offers Edit and Delete in its menu; an edited one says so and offers its history', async () => {
    render(<RowView row={sent({ editedAt: new Date().toISOString() })} actions={actions} />);
    expect(screen.getByTestId('message')).toHaveAttribute('data-edited', 'true');
    await userEvent.click(screen.getByRole('button', { name: 'Message actions' }));
    const items = (await screen.findAllByRole('menuitem')).map((i) => i.textContent);
    expect(items).toEqual([...QUICK_REACTIONS, 'Edit', 'Edit history', 'Copy text', 'Delete']);
    await userEvent.click(screen.getByRole('menuitem', { name: 'Edit' }));
    expect(actions.onStartEdit).toHaveBeenCalled();
  });

  it('reactions show as chips; pressing mine takes it back, pressing another adds mine', async () => {
    const onReact = vi.fn();
    render(
      <RowView
        row={sent({ reactions: [{ emoji: '👍', count: 2, me: true }, { emoji: '🎉', count: 1, me: false }] })}
        actions={{ ...actions, onReact }}
      />,
    );
    const chips = screen.getAllByTestId('reaction');
    expect(chips.map((c) => c.getAttribute('aria-label'))).toEqual(['👍 2, including you', '🎉 1']);
    expect(chips[0]).toHaveAttribute('aria-pressed', 'true');
    await userEvent.click(chips[0]!);
    await userEvent.click(chips[1]!);
    expect(onReact.mock.calls.map((c) => [c[1], c[2]])).toEqual([['👍', false], ['🎉', true]]);
  });

  it('a deleted message is a tombstone with no body and no actions', () => {
    render(<RowView row={sent({ body: '', deletedAt: new Date().toISOString() })} actions={actions} />);
    expect(screen.getByTestId('message')).toHaveAttribute('data-deleted', 'true');
    expect(screen.getByText('Message deleted')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Message actions' })).toBeNull();
  });

  it('the message being edited is an edit box: Escape cancels, Enter saves the new text', async () => {
    const onSaveEdit = vi.fn(async () => {});
    const onCancelEdit = vi.fn();
    const { rerender } = render(<RowView row={sent()} actions={{ ...actions, editingId: 'i', onSaveEdit, onCancelEdit }} />);
    const box = screen.getByRole('textbox', { name: 'Edit message' });
    await userEvent.type(box, '{Escape}');
    expect(onCancelEdit).toHaveBeenCalled();
    rerender(<RowView row={sent()} actions={{ ...actions, editingId: 'i', onSaveEdit, onCancelEdit: vi.fn() }} />);
    await userEvent.clear(screen.getByRole('textbox', { name: 'Edit message' }));
    await userEvent.type(screen.getByRole('textbox', { name: 'Edit message' }), 'hey there{Enter}');
    expect(onSaveEdit).toHaveBeenCalledWith(expect.objectContaining({ id: 'i' }), 'hey there');
  });
});
