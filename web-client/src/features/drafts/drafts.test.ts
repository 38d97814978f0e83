import { describe, expect, it, vi } from 'vitest';
import type { Draft, DraftChangedFrame } from './api.ts';
import { Debouncer } from './debounce.ts';
import * as d from './drafts.ts';

const A = 'conv-a';
const B = 'conv-b';

function draft(conversationId: string, body: string, version: number): Draft {
  return { conversationId, body, replyToId: null, version, updatedAt: '2026-12-02T06:00:00Z' };
}

function push(conversationId: string, version: number, cleared = false): DraftChangedFrame {
  return { type: 'draft.changed', conversationId, version, updatedAt: '2026-12-02T06:00:00Z', cleared };
}

describe('drafts state', () => {
  it('a push at or below the version known is old news; a newer save asks for a fetch; a newer clear drops it', () => {
    let s = d.applyDraft(d.emptyDrafts, draft(A, 'hello', 5));
    expect(d.applyPush(s, push(A, 5))).toEqual({ state: s, fetch: false }); // my own save, answered already
    expect(d.applyPush(s, push(A, 4, true))).toEqual({ state: s, fetch: false });
    expect(d.applyPush(s, push(A, 6)).fetch).toBe(true);

    s = d.applyPush(s, push(A, 7, true)).state;
    expect(d.textOf(s, A)).toBe('');
    expect(d.applyDraft(s, draft(A, 'late answer of a fetch', 6))).toBe(s);
    expect(d.textOf(d.applyDraft(s, draft(A, 'newer', 8)), A)).toBe('newer');
  });

  it('a list replaces older drafts, drops the ones it leaves out up to its version, keeps newer ones', () => {
    let s = d.emptyDrafts;
    s = d.applyDraft(s, draft(A, 'cleared elsewhere since', 3));
    s = d.applyDraft(s, draft(B, 'pushed after the list was read', 12));
    s = d.applyPush(s, push('conv-c', 11, true)).state; // cleared after the list was read

    s = d.applyList(s, { items: [draft('conv-c', 'stale in the list', 9), draft('conv-d', 'listed', 8)], version: 10 });

    expect(d.textOf(s, A)).toBe('');
    expect(d.textOf(s, B)).toBe('pushed after the list was read');
    expect(d.textOf(s, 'conv-c')).toBe('');
    expect(d.textOf(s, 'conv-d')).toBe('listed');
    expect(d.applyPush(s, push('conv-e', 10)).fetch).toBe(false); // the list reflects every change up to 10
    expect(d.applyPush(s, push('conv-e', 13)).fetch).toBe(true);
  });

  it('a fetch that finds nothing drops an older draft only', () => {
    const s = d.applyDraft(d.emptyDrafts, draft(A, 'x', 4));
    expect(d.textOf(d.applyAbsent(s, A, 5), A)).toBe('');
    expect(d.applyAbsent(s, A, 4)).toBe(s);
  });

  it('this device\'s save shows at once and settles only with its own answer', () => {
    let s = d.applyDraft(d.emptyDrafts, draft(A, 'server', 2));
    s = d.setPending(s, A, 'typed');
    expect(d.textOf(s, A)).toBe('typed');
    s = d.setPending(s, A, 'typed more');
    s = d.settlePending(d.applyDraft(s, draft(A, 'typed', 3)), A, 'typed');
    expect(d.textOf(s, A)).toBe('typed more'); // a later save is still on its way
    s = d.settlePending(d.applyDraft(s, draft(A, 'typed more', 4)), A, 'typed more');
    expect(d.textOf(s, A)).toBe('typed more');
    expect(s.pending).toEqual({});
  });

  it('a conversation that is gone takes its draft and any pending save with it', () => {
    let s = d.setPending(d.applyDraft(d.emptyDrafts, draft(A, 'x', 4)), B, 'y');
    s = d.forget(d.forget(s, A), B);
    expect(d.textOf(s, A)).toBe('');
    expect(d.textOf(s, B)).toBe('');
    expect(d.forget(s, A)).toBe(s);
  });

  it('the list preview is one line', () => {
    expect(d.previewOf('  see you\n\n at   5 ')).toBe('see you at 5');
    expect(d.previewOf(' \n ')).toBe('');
  });
});

describe('composer merge rule', () => {
  it('an idle composer takes the server text; one with unsaved typing keeps it', () => {
    expect(d.mergeIntoComposer({ text: 'saved', base: 'saved' }, 'from my phone')).toEqual({
      text: 'from my phone',
      base: 'from my phone',
    });
    expect(d.mergeIntoComposer({ text: 'typing here', base: 'saved' }, 'from my phone')).toEqual({
      text: 'typing here',
      base: 'from my phone',
    });
    expect(d.mergeIntoComposer({ text: '', base: '' }, 'loaded after a reload')).toEqual({
      text: 'loaded after a reload',
      base: 'loaded after a reload',
    });
    expect(d.mergeIntoComposer({ text: 'sent text', base: 'sent text' }, '').text).toBe(''); // sent elsewhere
  });

  it('typing is unsaved while it differs from the server text; blank equals no draft', () => {
    expect(d.isDirty({ text: 'a', base: '' })).toBe(true);
    expect(d.isDirty({ text: 'a', base: 'a' })).toBe(false);
    expect(d.isDirty({ text: '  ', base: '' })).toBe(false);
    expect(d.isDirty({ text: '', base: 'a' })).toBe(true);
  });
});

describe('Debouncer', () => {
  it('runs once, the given time after the last schedule; flush runs it at once; cancel drops it', () => {
    vi.useFakeTimers();
    try {
      const fn = vi.fn();
      const debounce = new Debouncer(800);
      debounce.schedule(() => fn('a'));
      vi.advanceTimersByTime(700);
      debounce.schedule(() => fn('ab'));
      vi.advanceTimersByTime(700);
      expect(fn).not.toHaveBeenCalled();
      vi.advanceTimersByTime(100);
      expect(fn).toHaveBeenCalledExactlyOnceWith('ab');

      debounce.schedule(() => fn('abc'));
      debounce.flush();
      expect(fn).toHaveBeenLastCalledWith('abc');
      vi.advanceTimersByTime(1000);
      expect(fn).toHaveBeenCalledTimes(2);
      debounce.flush(); // nothing pending: nothing runs
      expect(fn).toHaveBeenCalledTimes(2);

      debounce.schedule(() => fn('gone'));
      debounce.cancel();
      vi.advanceTimersByTime(1000);
      expect(fn).toHaveBeenCalledTimes(2);
    } finally {
      vi.useRealTimers();
    }
  });
});
