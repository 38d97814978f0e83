/** The caller's drafts on this device: loaded from the server, followed by `draft.changed` pushes, saved from the composer. */
import { isApiError } from '../../api/http.ts';
import type { UUID } from '../../api/types.ts';
import type { DraftChangedFrame, DraftsApi } from './api.ts';
import * as d from './drafts.ts';

export class DraftStore {
  private state: d.DraftsState = d.emptyDrafts;
  private listeners = new Set<() => void>();
  /** Saves that failed (no connection): sent again after the next load. */
  private failed = new Set<UUID>();
  /** The number of the latest save started per conversation: only the latest clear's answer may drop the draft. */
  private saves = new Map<UUID, number>();
  private disposed = false;

  constructor(
    private api: Pick<DraftsApi, 'list' | 'get' | 'put' | 'remove'>,
    private log: (...args: unknown[]) => void = () => {},
  ) {}

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  getSnapshot = (): d.DraftsState => this.state;

  /** What the composer and the list show for the conversation ('' when there is no draft). */
  text(id: UUID): string {
    return d.textOf(this.state, id);
  }

  private set(next: d.DraftsState) {
    if (next === this.state || this.disposed) return;
    this.state = next;
    for (const l of [...this.listeners]) l();
  }

  /** Fetches every draft (at start and after each welcome: pushes are at most once), then retries failed saves. */
  async load(): Promise<void> {
    try {
      const list = await this.api.list();
      this.set(d.applyList(this.state, list));
    } catch (e) {
      this.log('drafts: list failed', e);
      return;
    }
    for (const id of [...this.failed]) {
      const text = this.state.pending[id];
      this.failed.delete(id);
      if (text !== undefined) this.save(id, text);
    }
  }

  onFrame(frame: DraftChangedFrame) {
    const { state, fetch } = d.applyPush(this.state, frame);
    this.set(state);
    if (!fetch) return;
    const id = frame.conversationId;
    this.api.get(id).then(
      (draft) => this.set(draft ? d.applyDraft(this.state, draft) : d.applyAbsent(this.state, id, frame.version)),
      (e: unknown) => this.log('drafts: fetch failed', id, e),
    );
  }

  /** Saves the composer's text now (blank clears the draft); shown at once, answered later. */
  save(id: UUID, text: string, opts: { keepalive?: boolean } = {}) {
    if (this.disposed) return;
    const n = (this.saves.get(id) ?? 0) + 1;
    this.saves.set(id, n);
    this.set(d.setPending(this.state, id, text));
    const blank = text.trim() === '';
    const call = blank ? this.api.remove(id, opts.keepalive) : this.api.put(id, text, opts.keepalive);
    call.then(
      (saved) => {
        this.failed.delete(id);
        let next = d.settlePending(this.state, id, text);
        // A clear answers no version: it drops the draft only if no later save was started (its answer may be in).
        if (saved) next = d.applyDraft(next, saved);
        else if (this.saves.get(id) === n) next = d.applyCleared(next, id, null);
        this.set(next);
      },
      (e: unknown) => {
        this.log('drafts: save failed', id, e);
        if (isApiError(e) && e.kind === 'http' && e.status < 500 && e.status !== 429) {
          this.set(d.settlePending(this.state, id, text)); // refused (not a member any more, too long): not retried
          return;
        }
        // No connection, or the server busy: kept as pending (the text stays on screen), sent again after the next load.
        this.failed.add(id);
      },
    );
  }

  /** The conversation is gone for the user (left, removed, deleted): the server dropped the draft without a push. */
  forget(id: UUID) {
    this.failed.delete(id);
    this.set(d.forget(this.state, id));
  }

  dispose() {
    this.disposed = true;
    this.listeners.clear();
  }
}
