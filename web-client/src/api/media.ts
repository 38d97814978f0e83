import { ApiError, request } from './http.ts';
import type { AttachmentMessages, CreateUploadRequest, MediaView, UploadTicket, UUID } from './types.ts';

const mediaPath = (mediaId: UUID) => `/api/media/${encodeURIComponent(mediaId)}`;

/** A download URL this close to its expiry is fetched again (it may run out while the browser loads it). */
export const REFRESH_BEFORE_MS = 30_000;

/**
 * PUTs the bytes to a presigned URL (another origin: no bearer token, only the ticket's headers). XHR rather than
 * fetch: fetch has no upload progress. Fails with an ApiError like every other call.
 */
export function putBytes(
  ticket: Pick<UploadTicket, 'uploadUrl' | 'uploadMethod' | 'uploadHeaders'>,
  body: Blob,
  onProgress?: (fraction: number) => void,
  signal?: AbortSignal,
): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new ApiError('aborted', 0, { title: 'Aborted' }));
      return;
    }
    const xhr = new XMLHttpRequest();
    xhr.open(ticket.uploadMethod || 'PUT', ticket.uploadUrl);
    for (const [name, value] of Object.entries(ticket.uploadHeaders ?? {})) xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) onProgress?.(Math.min(1, e.loaded / e.total));
    };
    const onAbort = () => xhr.abort();
    signal?.addEventListener('abort', onAbort, { once: true });
    const done = () => signal?.removeEventListener('abort', onAbort);
    xhr.onload = () => {
      done();
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress?.(1);
        resolve();
      } else {
        // The object store answers XML, not problem+json: keep the status line.
        reject(new ApiError('http', xhr.status, { status: xhr.status, title: 'Upload failed', detail: `The upload was refused (${xhr.status}).` }));
      }
    };
    xhr.onerror = () => {
      done();
      reject(new ApiError('network', 0, { title: 'Network error', detail: 'The upload did not get through.' }));
    };
    xhr.onabort = () => {
      done();
      reject(new ApiError('aborted', 0, { title: 'Aborted' }));
    };
    xhr.send(body);
  });
}

function fresh(view: MediaView, now: number): boolean {
  if (!view.downloadUrl) return false;
  if (!view.downloadUrlExpiresAt) return true;
  return Date.parse(view.downloadUrlExpiresAt) - now > REFRESH_BEFORE_MS;
}

/**
 * MediaViews by id: one request per id at a time, answered from memory until the download URL is within 30 s of
 * its expiry. A 404 (not the caller's to see, or gone) is remembered too, so a list does not ask again and again.
 */
export function createMediaCache(fetchView: (mediaId: UUID) => Promise<MediaView>, now: () => number = Date.now) {
  const views = new Map<UUID, MediaView>();
  /** 404s, with when they were heard: asked again after a minute (the caller may have joined meanwhile). */
  const missing = new Map<UUID, number>();
  const inFlight = new Map<UUID, Promise<MediaView>>();
  return {
    peek(mediaId: UUID): MediaView | undefined {
      const v = views.get(mediaId);
      return v && fresh(v, now()) ? v : undefined;
    },
    get(mediaId: UUID): Promise<MediaView> {
      const cached = views.get(mediaId);
      if (cached && fresh(cached, now())) return Promise.resolve(cached);
      const gone = missing.get(mediaId);
      if (gone !== undefined && now() - gone < 60_000) return Promise.reject(new ApiError('http', 404, { status: 404, title: 'Not Found' }));
      const running = inFlight.get(mediaId);
      if (running) return running;
      const p = fetchView(mediaId).then(
        (v) => {
          inFlight.delete(mediaId);
          views.set(mediaId, v);
          return v;
        },
        (e: unknown) => {
          inFlight.delete(mediaId);
          if (e instanceof ApiError && e.status === 404) missing.set(mediaId, now());
          throw e;
        },
      );
      inFlight.set(mediaId, p);
      return p;
    },
    /** A URL the browser could not load (expired early, say): the next get asks again. */
    forget(mediaId: UUID) {
      views.delete(mediaId);
    },
    /** Signing out: the next user sees only what is theirs. */
    clear() {
      views.clear();
      missing.clear();
    },
  };
}

export const mediaApi = {
  createUpload: async (req: CreateUploadRequest, signal?: AbortSignal) =>
    request<UploadTicket>('/api/media/uploads', { method: 'POST', body: req, signal }),
  putBytes,
  /** The bytes are there: the service checks size and type and answers READY. */
  complete: (mediaId: UUID, signal?: AbortSignal) =>
    request<MediaView>(`${mediaPath(mediaId)}/complete`, { method: 'POST', signal }),
  /** Fresh (uncached) view with a presigned download URL. */
  view: (mediaId: UUID) => request<MediaView>(mediaPath(mediaId)),
  /** A conversation's messages that carry files, newest first. */
  attachments: (conversationId: UUID, beforeSeq?: number, limit = 50) =>
    request<AttachmentMessages>(`/api/conversations/${encodeURIComponent(conversationId)}/attachments`, {
      query: { beforeSeq, limit },
    }),
};

/** The shared cache the message rows read through. */
export const mediaCache = createMediaCache((id) => mediaApi.view(id));
