import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../api/http.ts';
import type { CreateUploadRequest, MediaView, UploadTicket } from '../../api/types.ts';
import { attachmentSummary, previewText } from './summary.ts';
import { canSend, MAX_ATTACHMENTS, readyAttachments, UploadQueue, type UploadApi } from './uploads.ts';

const flush = async () => {
  for (let i = 0; i < 5; i++) await new Promise((r) => setTimeout(r, 0));
};

function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

/** A media service whose every step the test answers by hand. */
function fakeApi() {
  const tickets: { req: CreateUploadRequest; answer: ReturnType<typeof deferred<UploadTicket>> }[] = [];
  const puts: { ticket: UploadTicket; progress?: (f: number) => void; signal?: AbortSignal; answer: ReturnType<typeof deferred<void>> }[] = [];
  const completes: { mediaId: string; answer: ReturnType<typeof deferred<MediaView>> }[] = [];
  const api: UploadApi = {
    createUpload: (req) => {
      const answer = deferred<UploadTicket>();
      tickets.push({ req, answer });
      return answer.promise;
    },
    putBytes: (ticket, _body, progress, signal) => {
      const answer = deferred<void>();
      signal?.addEventListener('abort', () => answer.reject(new ApiError('aborted', 0, { title: 'Aborted' })));
      puts.push({ ticket, progress, signal, answer });
      return answer.promise;
    },
    complete: (mediaId) => {
      const answer = deferred<MediaView>();
      completes.push({ mediaId, answer });
      return answer.promise;
    },
  };
  return { api, tickets, puts, completes };
}

const ticket = (mediaId: string): UploadTicket => ({
  mediaId,
  uploadUrl: `https://s3.example/${mediaId}`,
  uploadMethod: 'PUT',
  uploadHeaders: { 'Content-Type': 'image/png' },
  expiresAt: new Date(Date.now() + 60_000).toISOString(),
});

const view = (mediaId: string): MediaView => ({
  mediaId,
  status: 'READY',
  contentType: 'image/png',
  sizeBytes: 4,
  filename: 'photo.png',
  createdAt: new Date().toISOString(),
  downloadUrl: null,
  downloadUrlExpiresAt: null,
});

const file = (name: string, type = 'image/png', size = 4) => new File([new Uint8Array(size)], name, { type });

describe('UploadQueue (the composer chips)', () => {
  it('a file goes ticket -> PUT with progress -> complete -> READY, and only then can be sent', async () => {
    const f = fakeApi();
    const q = new UploadQueue(f.api);
    q.add([file('photo.png')]);
    expect(q.getSnapshot()).toMatchObject([{ filename: 'photo.png', sizeBytes: 4, status: 'uploading', progress: 0 }]);
    expect(f.tickets[0]!.req).toEqual({ filename: 'photo.png', contentType: 'image/png', sizeBytes: 4 });
    expect(canSend('', q.getSnapshot())).toBe(false);

    f.tickets[0]!.answer.resolve(ticket('m-1'));
    await flush();
    expect(f.puts[0]!.ticket.uploadUrl).toBe('https://s3.example/m-1');
    f.puts[0]!.progress!(0.5);
    expect(q.getSnapshot()[0]).toMatchObject({ status: 'uploading', progress: 0.5, mediaId: 'm-1' });
    // text alone does not go out while a file is still on its way
    expect(canSend('hello', q.getSnapshot())).toBe(false);

    f.puts[0]!.answer.resolve();
    await flush();
    expect(f.completes.map((c) => c.mediaId)).toEqual(['m-1']);
    expect(q.getSnapshot()[0]!.status).toBe('uploading');
    f.completes[0]!.answer.resolve(view('m-1'));
    await flush();
    expect(q.getSnapshot()[0]).toMatchObject({ status: 'ready', progress: 1 });
    expect(canSend('', q.getSnapshot())).toBe(true);
    expect(readyAttachments(q.getSnapshot())).toEqual([
      { mediaId: 'm-1', contentType: 'image/png', sizeBytes: 4, filename: 'photo.png' },
    ]);
  });

  it('a refused file shows the problem detail and is left out of the send', async () => {
    const f = fakeApi();
    const q = new UploadQueue(f.api);
    q.add([file('huge.mp4', 'video/mp4', 10), file('notes.txt', 'text/plain')]);
    f.tickets[0]!.answer.reject(
      new ApiError('http', 413, { status: 413, title: 'Payload Too Large', detail: 'Files may be at most 20 MB.' }),
    );
    f.tickets[1]!.answer.resolve(ticket('m-2'));
    await flush();
    f.puts[0]!.answer.resolve();
    await flush();
    f.completes[0]!.answer.resolve(view('m-2'));
    await flush();
    expect(q.getSnapshot()).toMatchObject([
      { filename: 'huge.mp4', status: 'failed', error: 'Files may be at most 20 MB.' },
      { filename: 'notes.txt', status: 'ready' },
    ]);
    expect(canSend('', q.getSnapshot())).toBe(true);
    expect(readyAttachments(q.getSnapshot()).map((a) => a.mediaId)).toEqual(['m-2']);
  });

  it('a file without a type is offered as application/octet-stream (the service answers 415 with its words)', async () => {
    const f = fakeApi();
    const q = new UploadQueue(f.api);
    q.add([file('archive.xyz', '')]);
    expect(f.tickets[0]!.req.contentType).toBe('application/octet-stream');
    f.tickets[0]!.answer.reject(new ApiError('http', 415, { status: 415, detail: 'This file type is not allowed.' }));
    await flush();
    expect(q.getSnapshot()[0]).toMatchObject({ status: 'failed', error: 'This file type is not allowed.' });
    expect(canSend('', q.getSnapshot())).toBe(false);
  });

  it('removing a chip stops its upload; the aborted upload does not come back as failed', async () => {
    const f = fakeApi();
    const q = new UploadQueue(f.api);
    q.add([file('a.png')]);
    f.tickets[0]!.answer.resolve(ticket('m-3'));
    await flush();
    const key = q.getSnapshot()[0]!.key;
    q.remove(key);
    expect(f.puts[0]!.signal!.aborted).toBe(true);
    await flush();
    expect(q.getSnapshot()).toEqual([]);
    expect(f.completes).toEqual([]);
    expect(canSend('', q.getSnapshot())).toBe(false);
  });

  it('takes at most 10 files and says how many did not fit', () => {
    const q = new UploadQueue(fakeApi().api);
    const refused = q.add(Array.from({ length: 12 }, (_, i) => file(`f${i}.png`)));
    expect(refused).toBe(2);
    expect(q.getSnapshot()).toHaveLength(MAX_ATTACHMENTS);
    expect(q.add([file('one-more.png')])).toBe(1);
  });

  it('clear (after a send) empties the chips and tells subscribers', () => {
    const q = new UploadQueue(fakeApi().api);
    const listener = vi.fn();
    q.subscribe(listener);
    q.add([file('a.png')]);
    q.clear();
    expect(q.getSnapshot()).toEqual([]);
    expect(listener).toHaveBeenCalledTimes(2);
  });
});

describe('attachment previews', () => {
  it('a message with files and no text reads as its files', () => {
    const one = [{ mediaId: 'm', contentType: 'image/png', sizeBytes: 1, filename: 'photo.png' }];
    expect(previewText({ body: '', attachments: one })).toBe('📎 photo.png');
    expect(previewText({ body: '', attachments: [...one, ...one, ...one] })).toBe('📎 3 files');
    expect(previewText({ body: 'look', attachments: one })).toBe('look');
    expect(attachmentSummary([])).toBe('');
  });
});
