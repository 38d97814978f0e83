import { act, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Composer } from '../messages/Composer.tsx';
import type { Draft } from './api.ts';
import { DraftStore } from './draftStore.ts';
import { SAVE_AFTER_MS } from './useComposerDraft.ts';

function draft(conversationId: string, body: string, version: number): Draft {
  return { conversationId, body, replyToId: null, version, updatedAt: '2026-12-02T06:00:00Z' };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('the composer keeps its text as the draft', () => {
  it('saves after typing stops, takes another device\'s text when idle, keeps unsaved typing, clears on send', async () => {
    vi.useFakeTimers();
    let version = 0;
    let server = '';
    const api = {
      list: vi.fn(async () => ({ items: [], version: 0 })),
      get: vi.fn(async (id: string) => draft(id, server, version)),
      put: vi.fn(async (id: string, body: string) => draft(id, body, ++version)),
      remove: vi.fn(async () => {
        version++;
      }),
    };
    const store = new DraftStore(api);
    const onSend = vi.fn();
    render(<Composer conversationId="c1" onSend={onSend} drafts={store} />);
    const box = screen.getByRole('textbox', { name: 'Message' });

    fireEvent.change(box, { target: { value: 'hel' } });
    await act(() => vi.advanceTimersByTimeAsync(SAVE_AFTER_MS / 2));
    fireEvent.change(box, { target: { value: 'hello' } });
    await act(() => vi.advanceTimersByTimeAsync(SAVE_AFTER_MS - 1));
    expect(api.put).not.toHaveBeenCalled();
    await act(() => vi.advanceTimersByTimeAsync(1));
    expect(api.put).toHaveBeenCalledExactlyOnceWith('c1', 'hello', true);

    // Another device saves: this idle composer takes its text.
    server = 'hello from my phone';
    version++;
    await act(async () => store.onFrame({ type: 'draft.changed', conversationId: 'c1', version, updatedAt: '', cleared: false }));
    expect(box).toHaveValue('hello from my phone');

    // Typing not saved yet wins over another device's change (its own save follows).
    fireEvent.change(box, { target: { value: 'my own words' } });
    server = 'the phone again';
    version++;
    await act(async () => store.onFrame({ type: 'draft.changed', conversationId: 'c1', version, updatedAt: '', cleared: false }));
    expect(box).toHaveValue('my own words');

    fireEvent.keyDown(box, { key: 'Enter' });
    expect(onSend).toHaveBeenCalledWith('my own words', []);
    expect(box).toHaveValue('');
    await act(() => vi.advanceTimersByTimeAsync(SAVE_AFTER_MS * 2));
    expect(api.remove).toHaveBeenCalledWith('c1', undefined);
    expect(api.put).toHaveBeenCalledTimes(1); // the typing was sent as a message, not saved as a draft
    expect(store.text('c1')).toBe('');
  });

  it('saves at once when the conversation changes, and shows the next one\'s draft', async () => {
    const api = {
      list: vi.fn(async () => ({ items: [draft('c2', 'waiting in c2', 1)], version: 1 })),
      get: vi.fn(),
      put: vi.fn(async (id: string, body: string) => draft(id, body, 2)),
      remove: vi.fn(),
    };
    const store = new DraftStore(api);
    await store.load();
    const { rerender } = render(<Composer conversationId="c1" onSend={() => {}} drafts={store} />);
    const box = screen.getByRole('textbox', { name: 'Message' });
    fireEvent.change(box, { target: { value: 'half a thought' } });

    rerender(<Composer conversationId="c2" onSend={() => {}} drafts={store} />);

    expect(api.put).toHaveBeenCalledExactlyOnceWith('c1', 'half a thought', true);
    expect(screen.getByRole('textbox', { name: 'Message' })).toHaveValue('waiting in c2');
    expect(store.text('c1')).toBe('half a thought');
  });
});
