import { useSyncExternalStore } from 'react';
import type { UUID } from '../../api/types.ts';
import type { DraftStore } from './draftStore.ts';

/** The caller's draft of a conversation as this device shows it ('' when none), following saves and pushes. */
export function useDraftText(store: DraftStore, conversationId: UUID): string {
  return useSyncExternalStore(store.subscribe, () => store.text(conversationId));
}
