import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../api/http.ts';
import { ScheduleDialog } from './ScheduleDialog.tsx';
import { fromLocalInput, toLocalInput } from './time.ts';

function open(onSubmit = vi.fn(async () => {}), editBody = false) {
  render(
    <ScheduleDialog
      title="Schedule message"
      submitLabel="Schedule"
      initialBody="  see you there  "
      initialAt={null}
      editBody={editBody}
      onSubmit={onSubmit}
      onClose={() => {}}
    />,
  );
  return onSubmit;
}

describe('ScheduleDialog', () => {
  it('opened from inside another form (the composer), scheduling does not submit that form too', async () => {
    const outer = vi.fn((e: { preventDefault: () => void }) => e.preventDefault());
    const onSubmit = vi.fn(async () => {});
    render(
      <form onSubmit={outer}>
        <ScheduleDialog
          title="Schedule message"
          submitLabel="Schedule"
          initialBody="hi"
          initialAt={null}
          editBody={false}
          onSubmit={onSubmit}
          onClose={() => {}}
        />
      </form>,
    );
    await userEvent.click(screen.getByRole('button', { name: 'In 1 hour' }));
    await userEvent.click(screen.getByRole('button', { name: 'Schedule' }));
    expect(onSubmit).toHaveBeenCalled();
    expect(outer).not.toHaveBeenCalled();
  });

  it('a quick pick fills the time, and scheduling gives the trimmed text and that time', async () => {
    const onSubmit = open();
    await userEvent.click(screen.getByRole('button', { name: 'In 1 hour' }));
    const when = screen.getByLabelText('Send at') as HTMLInputElement;
    const at = fromLocalInput(when.value);
    expect(at).not.toBeNull();
    expect(at!.getTime() - Date.now()).toBeGreaterThan(58 * 60_000);
    await userEvent.click(screen.getByRole('button', { name: 'Schedule' }));
    expect(onSubmit).toHaveBeenCalledWith('see you there', at);
  });

  it('refuses no time and a past time without calling the server', async () => {
    const onSubmit = open();
    await userEvent.click(screen.getByRole('button', { name: 'Schedule' }));
    expect(screen.getByRole('alert')).toHaveTextContent('Pick a date and time.');
    fireEvent.change(screen.getByLabelText('Send at'), { target: { value: toLocalInput(new Date(Date.now() - 60_000)) } });
    await userEvent.click(screen.getByRole('button', { name: 'Schedule' }));
    expect(screen.getByRole('alert')).toHaveTextContent('Pick a time in the future.');
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('shows the server’s refusal and stays open', async () => {
    open(vi.fn(async () => {
      throw new ApiError('http', 403, { status: 403, detail: 'you are muted in this conversation' });
    }));
    await userEvent.click(screen.getByRole('button', { name: 'Tomorrow 9:00' }));
    await userEvent.click(screen.getByRole('button', { name: 'Schedule' }));
    await waitFor(() => expect(screen.getByRole('alert')).toHaveTextContent('you are muted in this conversation'));
    expect(screen.getByRole('dialog', { name: 'Schedule message' })).toBeInTheDocument();
  });

  it('when editing, the text is a field of its own', async () => {
    const onSubmit = open(vi.fn(async () => {}), true);
    const text = screen.getByRole('textbox', { name: 'Message' });
    await userEvent.clear(text);
    await userEvent.type(text, 'new words');
    await userEvent.click(screen.getByRole('button', { name: 'In 1 hour' }));
    await userEvent.click(screen.getByRole('button', { name: 'Schedule' }));
    expect(onSubmit).toHaveBeenCalledWith('new words', expect.any(Date));
  });
});
