/**
 * The caller's drafts as this device knows them (PURE). Versions come from the server and grow with every draft
 * change of the user, in any conversation: whatever is at or below the version known for a conversation is old news.
 * Saves of this device that have not been answered yet overlay the server's text (`pending`), so the composer and the
 * list show what was typed last.
 */
import type { UUID } from '../../api/types.ts';
import type { Draft, DraftChangedFrame, DraftList } from './api.ts';

export interface DraftsState {
  /** The server's drafts, per conversation. */
  drafts: Readonly<Record<UUID, Draft>>;
  /** The highest version seen per conversation (cleared ones included). */
  seen: Readonly<Record<UUID, number>>;
  /** The version of the last list: every change up to it is reflected in it, for every conversation. */
  floor: number;
  /** Text this device is saving (or failed to save) per conversation; blank = clearing. */
  pending: Readonly<Record<UUID, string>>;
}

export const emptyDrafts: DraftsState = { drafts: {}, seen: {}, floor: 0, pending: {} };

export function known(state: DraftsState, id: UUID): number {
  return Math.max(state.seen[id] ?? 0, state.floor);
}

/** What the composer and the list show: the pending text, else the server's, else nothing. */
export function textOf(state: DraftsState, id: UUID): string {
  const pending = state.pending[id];
  if (pending !== undefined) return pending;
  return state.drafts[id]?.body ?? '';
}

/** One line for the conversation list: whitespace collapsed. Empty when there is no draft. */
export function previewOf(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function without<T>(record: Readonly<Record<UUID, T>>, id: UUID): Record<UUID, T> {
  const { [id]: _, ...rest } = record;
  return rest;
}

/**
 * A list from `GET /api/drafts`: its drafts replace older ones; a draft it leaves out is dropped when its version is at
 * most the list's (cleared since), and kept when newer (a push overtook the list).
 */
export function applyList(state: DraftsState, list: DraftList): DraftsState {
  const drafts: Record<UUID, Draft> = {};
  const seen: Record<UUID, number> = { ...state.seen };
  for (const [id, d] of Object.entries(state.drafts)) {
    if (d.version > list.version) drafts[id] = d;
  }
  for (const d of list.items) {
    const id = d.conversationId;
    if (d.version >= (state.seen[id] ?? 0) && !(drafts[id] && drafts[id].version > d.version)) {
      drafts[id] = d;
      seen[id] = Math.max(seen[id] ?? 0, d.version);
    }
  }
  return { ...state, drafts, seen, floor: Math.max(state.floor, list.version) };
}

/** A draft the server answered (a save, a fetch): taken unless a newer change is known. */
export function applyDraft(state: DraftsState, draft: Draft): DraftsState {
  const id = draft.conversationId;
  if (draft.version < known(state, id)) return state;
  return { ...state, drafts: { ...state.drafts, [id]: draft }, seen: { ...state.seen, [id]: draft.version } };
}

/** The draft is gone: cleared at `version` (a push), or by this device (`version` unknown: null). */
export function applyCleared(state: DraftsState, id: UUID, version: number | null): DraftsState {
  if (version !== null && version < known(state, id)) return state;
  const current = state.drafts[id];
  if (version === null && !current) return state;
  if (current && version !== null && current.version > version) return state;
  return {
    ...state,
    drafts: without(state.drafts, id),
    seen: version === null ? state.seen : { ...state.seen, [id]: Math.max(state.seen[id] ?? 0, version) },
  };
}

/**
 * A `draft.changed` push. Old news (at or below the known version) changes nothing. A clear drops the draft; a save
 * asks for a fetch of the draft (the push has no text).
 */
export function applyPush(state: DraftsState, frame: DraftChangedFrame): { state: DraftsState; fetch: boolean } {
  if (frame.version <= known(state, frame.conversationId)) return { state, fetch: false };
  if (frame.cleared) return { state: applyCleared(state, frame.conversationId, frame.version), fetch: false };
  return { state, fetch: true };
}

/** A fetch after a push of `version` found no draft: it was cleared since (its own push follows). */
export function applyAbsent(state: DraftsState, id: UUID, version: number): DraftsState {
  const current = state.drafts[id];
  if (!current || current.version >= version) return state;
  return applyCleared(state, id, version);
}

/** The conversation is gone for the user: its draft went with the membership (no push), and so does any pending save. */
export function forget(state: DraftsState, id: UUID): DraftsState {
  if (!state.drafts[id] && state.pending[id] === undefined) return state;
  return { ...state, drafts: without(state.drafts, id), pending: without(state.pending, id) };
}

export function setPending(state: DraftsState, id: UUID, text: string): DraftsState {
  return { ...state, pending: { ...state.pending, [id]: text } };
}

/** A save of `text` was answered: its overlay goes, unless a later save replaced it. */
export function settlePending(state: DraftsState, id: UUID, text: string): DraftsState {
  return state.pending[id] === text ? { ...state, pending: without(state.pending, id) } : state;
}

/**
 * The composer's rule when the draft under it changes (another device, a fetch, its own save answered): with no
 * typing left unsaved (its text is what the server had) it takes the new text; otherwise it keeps the typing, which
 * its next save sends. Either way, the new text is what the server has now.
 */
export function mergeIntoComposer(composer: { text: string; base: string }, server: string): { text: string; base: string } {
  return { text: composer.text === composer.base ? server : composer.text, base: server };
}

/** Typing not saved yet: the composer's text differs from what the server has (blank counts as no draft). */
export function isDirty(composer: { text: string; base: string }): boolean {
  return composer.text !== composer.base && !(composer.text.trim() === '' && composer.base.trim() === '');
}
