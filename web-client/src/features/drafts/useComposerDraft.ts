import { useCallback, useEffect, useRef, useState } from 'react';
import type { UUID } from '../../api/types.ts';
import { Debouncer } from './debounce.ts';
import type { DraftStore } from './draftStore.ts';
import { isDirty, mergeIntoComposer } from './drafts.ts';

/** Typing is saved this long after it stops (and at once on switching conversation, page hide or unmount). */
export const SAVE_AFTER_MS = 800;

/** Without a store (a composer rendered alone), drafts live in memory: they survive switching, not reloads. */
const memory = new Map<UUID, string>();

/**
 * The composer's text for a conversation, kept as the caller's server-side draft: loaded when the conversation
 * opens, saved ~800 ms after typing stops, cleared when the message is sent. A change from another device (or the
 * first load) replaces the text only while the composer has no typing left unsaved (`mergeIntoComposer`).
 */
export function useComposerDraft(conversationId: UUID, store?: DraftStore) {
  const [text, setTextState] = useState(() => (store ? store.text(conversationId) : memory.get(conversationId) ?? ''));
  /** What is typed and what the server has (as far as this device knows), for the open conversation. */
  const composer = useRef({ id: conversationId, text, base: store ? text : '' });
  const [debouncer] = useState(() => new Debouncer(SAVE_AFTER_MS));

  useEffect(() => {
    const id = conversationId;
    const initial = store ? store.text(id) : memory.get(id) ?? '';
    composer.current = { id, text: initial, base: initial };
    setTextState(initial);
    if (!store) return;
    const unsubscribe = store.subscribe(() => {
      const c = composer.current;
      const server = store.text(id);
      if (c.id !== id || server === c.base) return;
      const next = mergeIntoComposer(c, server);
      composer.current = { id, ...next };
      if (next.text !== c.text) setTextState(next.text);
    });
    const flush = () => debouncer.flush();
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') flush();
    };
    window.addEventListener('pagehide', flush);
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      unsubscribe();
      window.removeEventListener('pagehide', flush);
      document.removeEventListener('visibilitychange', onVisibility);
      flush(); // switching conversation or leaving: what was typed is saved now
    };
  }, [conversationId, store, debouncer]);

  const setText = useCallback(
    (value: string) => {
      setTextState(value);
      const c = { ...composer.current, text: value };
      composer.current = c;
      if (!store) {
        if (value) memory.set(c.id, value);
        else memory.delete(c.id);
        return;
      }
      if (isDirty(c)) debouncer.schedule(() => store.save(c.id, value, { keepalive: true }));
      else debouncer.cancel();
    },
    [store, debouncer],
  );

  /** The message was sent: the box empties and the draft goes, at once. */
  const clear = useCallback(() => {
    debouncer.cancel();
    const c = composer.current;
    composer.current = { ...c, text: '' };
    setTextState('');
    if (!store) {
      memory.delete(c.id);
      return;
    }
    if (c.base.trim() !== '' || store.text(c.id).trim() !== '') store.save(c.id, '');
  }, [store, debouncer]);

  return { text, setText, clear };
}
