import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from './http.ts';
import { createMediaCache, mediaApi, putBytes } from './media.ts';
import type { MediaView } from './types.ts';

afterEach(() => {
  vi.unstubAllGlobals();
});

/** Enough of XMLHttpRequest to see what was sent and to answer it by hand. */
class FakeXhr {
  static last: FakeXhr | null = null;
  method = '';
  url = '';
  headers: Record<string, string> = {};
  body: unknown = null;
  status = 0;
  aborted = false;
  upload: { onprogress: ((e: { lengthComputable: boolean; loaded: number; total: number }) => void) | null } = { onprogress: null };
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  onabort: (() => void) | null = null;
  constructor() {
    FakeXhr.last = this;
  }
  open(method: string, url: string) {
    this.method = method;
    this.url = url;
  }
  setRequestHeader(name: string, value: string) {
    this.headers[name] = value;
  }
  send(body: unknown) {
    this.body = body;
  }
  abort() {
    this.aborted = true;
    this.onabort?.();
  }
}

describe('putBytes', () => {
  it('PUTs the bytes to the presigned URL with the ticket headers only, reporting progress', async () => {
    vi.stubGlobal('XMLHttpRequest', FakeXhr);
    const progress: number[] = [];
    const blob = new Blob(['abcd']);
    const done = putBytes({ uploadUrl: 'https://s3.example/b/k?sig=1', uploadMethod: 'PUT', uploadHeaders: { 'Content-Type': 'image/png' } }, blob, (f) =>
      progress.push(f),
    );
    const xhr = FakeXhr.last!;
    expect(xhr.method).toBe('PUT');
    expect(xhr.url).toBe('https://s3.example/b/k?sig=1');
    expect(xhr.headers).toEqual({ 'Content-Type': 'image/png' }); // no Authorization to the object store
    expect(xhr.body).toBe(blob);
    xhr.upload.onprogress!({ lengthComputable: true, loaded: 1, total: 4 });
    xhr.status = 200;
    xhr.onload!();
    await done;
    expect(progress).toEqual([0.25, 1]);
  });

  it('a refusal rejects with the status; an abort rejects as aborted', async () => {
    vi.stubGlobal('XMLHttpRequest', FakeXhr);
    const refused = putBytes({ uploadUrl: 'u', uploadMethod: 'PUT', uploadHeaders: {} }, new Blob(['x']));
    FakeXhr.last!.status = 403;
    FakeXhr.last!.onload!();
    await expect(refused).rejects.toMatchObject({ kind: 'http', status: 403 });

    const abort = new AbortController();
    const stopped = putBytes({ uploadUrl: 'u', uploadMethod: 'PUT', uploadHeaders: {} }, new Blob(['x']), undefined, abort.signal);
    abort.abort();
    await expect(stopped).rejects.toMatchObject({ kind: 'aborted' });
    expect(FakeXhr.last!.aborted).toBe(true);
  });
});

describe('mediaApi', () => {
  it('asks for a ticket with the bearer-token JSON call', async () => {
    const fetchMock = vi.fn(async () =>
      Response.json(
        { mediaId: 'm-1', uploadUrl: 'https://s3.example/k', uploadMethod: 'PUT', uploadHeaders: { 'Content-Type': 'text/plain' }, expiresAt: '2030-01-01T00:00:00Z' },
        { status: 201 },
      ),
    );
    vi.stubGlobal('fetch', fetchMock);
    const ticket = await mediaApi.createUpload({ filename: 'a.txt', contentType: 'text/plain', sizeBytes: 3 });
    expect(ticket).toMatchObject({ mediaId: 'm-1', uploadUrl: 'https://s3.example/k', uploadHeaders: { 'Content-Type': 'text/plain' } });
    const [url, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/api/media/uploads');
    expect(init.method).toBe('POST');
    expect(JSON.parse(init.body as string)).toEqual({ filename: 'a.txt', contentType: 'text/plain', sizeBytes: 3 });
  });
});

describe('media cache', () => {
  const view = (url: string, expiresAt: number): MediaView => ({
    mediaId: 'm',
    status: 'READY',
    contentType: 'image/png',
    sizeBytes: 1,
    filename: 'a.png',
    createdAt: '2026-01-01T00:00:00Z',
    downloadUrl: url,
    downloadUrlExpiresAt: new Date(expiresAt).toISOString(),
  });

  it('answers from memory until the URL is within 30 s of expiry, then fetches again', async () => {
    let clock = 1_000_000;
    let n = 0;
    const fetchView = vi.fn(async () => view(`https://s3.example/${++n}`, clock + 300_000));
    const cache = createMediaCache(fetchView, () => clock);
    expect((await cache.get('m')).downloadUrl).toBe('https://s3.example/1');
    clock += 200_000;
    expect((await cache.get('m')).downloadUrl).toBe('https://s3.example/1');
    expect(cache.peek('m')?.downloadUrl).toBe('https://s3.example/1');
    clock += 75_000; // 25 s left
    expect(cache.peek('m')).toBeUndefined();
    expect((await cache.get('m')).downloadUrl).toBe('https://s3.example/2');
    expect(fetchView).toHaveBeenCalledTimes(2);
  });

  it('one request per id at a time, and a 404 is remembered', async () => {
    const fetchView = vi.fn(async () => {
      throw new ApiError('http', 404, { status: 404 });
    });
    const cache = createMediaCache(fetchView);
    const a = cache.get('gone');
    const b = cache.get('gone');
    await expect(a).rejects.toMatchObject({ status: 404 });
    await expect(b).rejects.toMatchObject({ status: 404 });
    await expect(cache.get('gone')).rejects.toMatchObject({ status: 404 });
    expect(fetchView).toHaveBeenCalledTimes(1);
  });
});
