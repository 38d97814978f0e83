/**
 * The composer's attachments ("chips") and their uploads. Each file starts uploading as soon as it is picked:
 * ask for a ticket, PUT the bytes to the presigned URL (with progress), then complete. The chips are pure state
 * (the functions below); UploadQueue runs the uploads and can be subscribed to (useSyncExternalStore).
 */
import { humanMessage, isApiError } from '../../api/http.ts';
import type { Attachment, CreateUploadRequest, MediaView, UploadTicket, UUID } from '../../api/types.ts';

export const MAX_ATTACHMENTS = 10;

export type ChipStatus = 'uploading' | 'ready' | 'failed';

export interface Chip {
  key: string;
  filename: string;
  contentType: string;
  sizeBytes: number;
  status: ChipStatus;
  /** 0..1 of the bytes sent. */
  progress: number;
  /** Once the service gave a ticket. */
  mediaId?: UUID;
  /** Why it failed, in words (the problem's detail: too large, type not allowed...). */
  error?: string;
}

export type Chips = readonly Chip[];

export function addChip(chips: Chips, chip: Omit<Chip, 'status' | 'progress'>): Chips {
  if (chips.length >= MAX_ATTACHMENTS) return chips;
  return [...chips, { ...chip, status: 'uploading', progress: 0 }];
}

function patch(chips: Chips, key: string, p: Partial<Chip>): Chips {
  return chips.some((c) => c.key === key) ? chips.map((c) => (c.key === key ? { ...c, ...p } : c)) : chips;
}

export const setMediaId = (chips: Chips, key: string, mediaId: UUID) => patch(chips, key, { mediaId });
export const setProgress = (chips: Chips, key: string, progress: number) => patch(chips, key, { progress });
export const markReady = (chips: Chips, key: string) => patch(chips, key, { status: 'ready', progress: 1, error: undefined });
export const markFailed = (chips: Chips, key: string, error: string) => patch(chips, key, { status: 'failed', error });
export const removeChip = (chips: Chips, key: string) => chips.filter((c) => c.key !== key);

export const uploading = (chips: Chips) => chips.some((c) => c.status === 'uploading');

/** What a send carries: the READY chips, in the order they were added (a failed one is left out). */
export function readyAttachments(chips: Chips): Attachment[] {
  return chips
    .filter((c) => c.status === 'ready' && c.mediaId)
    .map((c) => ({ mediaId: c.mediaId!, contentType: c.contentType, sizeBytes: c.sizeBytes, filename: c.filename }));
}

/** Send is possible with text or a READY file, and never while an upload still runs. */
export function canSend(text: string, chips: Chips): boolean {
  if (uploading(chips)) return false;
  return text.trim().length > 0 || chips.some((c) => c.status === 'ready');
}

export interface UploadApi {
  createUpload(req: CreateUploadRequest, signal?: AbortSignal): Promise<UploadTicket>;
  putBytes(ticket: UploadTicket, body: Blob, onProgress?: (fraction: number) => void, signal?: AbortSignal): Promise<void>;
  complete(mediaId: UUID, signal?: AbortSignal): Promise<MediaView>;
}

let nextKey = 0;

export class UploadQueue {
  private chips: Chips = [];
  private listeners = new Set<() => void>();
  private running = new Map<string, AbortController>();

  constructor(private api: UploadApi) {}

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  getSnapshot = (): Chips => this.chips;

  private set(next: Chips) {
    if (next === this.chips) return;
    this.chips = next;
    for (const l of [...this.listeners]) l();
  }

  /** Adds the files (up to 10 chips in all) and starts their uploads. Returns how many did not fit. */
  add(files: Iterable<File>): number {
    let refused = 0;
    for (const file of files) {
      if (this.chips.length >= MAX_ATTACHMENTS) {
        refused++;
        continue;
      }
      const key = `u${++nextKey}`;
      const contentType = file.type || 'application/octet-stream';
      this.set(addChip(this.chips, { key, filename: file.name || 'file', contentType, sizeBytes: file.size }));
      void this.upload(key, file, contentType);
    }
    return refused;
  }

  private async upload(key: string, file: File, contentType: string) {
    const abort = new AbortController();
    this.running.set(key, abort);
    try {
      const ticket = await this.api.createUpload(
        { filename: file.name || 'file', contentType, sizeBytes: file.size },
        abort.signal,
      );
      if (abort.signal.aborted) return;
      this.set(setMediaId(this.chips, key, ticket.mediaId));
      await this.api.putBytes(ticket, file, (f) => this.set(setProgress(this.chips, key, f)), abort.signal);
      if (abort.signal.aborted) return;
      await this.api.complete(ticket.mediaId, abort.signal);
      if (abort.signal.aborted) return;
      this.set(markReady(this.chips, key));
    } catch (e) {
      if (abort.signal.aborted || (isApiError(e) && e.kind === 'aborted')) return;
      this.set(markFailed(this.chips, key, humanMessage(e)));
    } finally {
      this.running.delete(key);
    }
  }

  /** The chip's x: stops its upload if it still runs. */
  remove(key: string) {
    this.running.get(key)?.abort();
    this.set(removeChip(this.chips, key));
  }

  /** After a send: the files went with the message. */
  clear() {
    for (const a of this.running.values()) a.abort();
    this.set([]);
  }

  dispose() {
    this.clear();
    this.listeners.clear();
  }
}
