import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Attachment, MediaView, Message } from '../../api/types.ts';
import type { UploadApi } from '../attachments/uploads.ts';
import { Composer } from './Composer.tsx';
import { RowView, type RowActions } from './MessageRow.tsx';
import type { Row } from './rows.ts';

afterEach(() => {
  vi.unstubAllGlobals();
});

let seq = 0;
/** A media id no earlier test asked for (the view cache lives as long as the module). */
const freshId = () => `media-${Date.now()}-${++seq}`;

function attachment(contentType: string, filename: string, sizeBytes = 2048): Attachment {
  return { mediaId: freshId(), contentType, sizeBytes, filename };
}

/** GET /api/media/{id}: a presigned URL for known ids, 404 for the rest. */
function serveMedia(known: Attachment[]) {
  const fetchMock = vi.fn(async (input: RequestInfo | URL) => {
    const url = String(input);
    const a = known.find((k) => url === `/api/media/${k.mediaId}`);
    if (!a) return Response.json({ status: 404, title: 'Not Found' }, { status: 404, headers: { 'Content-Type': 'application/problem+json' } });
    const view: MediaView = {
      ...a,
      status: 'READY',
      createdAt: new Date().toISOString(),
      downloadUrl: `https://s3.example/${a.mediaId}?sig=x`,
      downloadUrlExpiresAt: new Date(Date.now() + 300_000).toISOString(),
    };
    return Response.json(view);
  });
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

const actions: RowActions = {
  nameOf: () => 'Bob',
  onRetry: vi.fn(),
  onDiscard: vi.fn(),
  isGroup: false,
  abilities: () => ({ canEdit: false, canDelete: false, canReact: false, canPin: false }),
  highlightSeq: null,
  editingId: null,
  onStartEdit: vi.fn(),
  onCancelEdit: vi.fn(),
  onSaveEdit: vi.fn(async () => {}),
  onDelete: vi.fn(),
  onHistory: vi.fn(),
  onReact: vi.fn(),
  onPin: vi.fn(),
};

function messageRow(over: Partial<Message>): Row {
  return {
    kind: 'message',
    key: 'm',
    head: true,
    tail: true,
    mine: false,
    message: { id: 'i', conversationId: 'c', seq: 1, senderId: 'bob', clientMessageId: 'c-1', body: '', replyToId: null, createdAt: new Date().toISOString(), attachments: [], ...over },
  };
}

describe('attachments in a message', () => {
  it('an image shows inline (lazy, alt = filename) and opens full size in a new tab; no empty text line', async () => {
    const photo = attachment('image/png', 'photo.png');
    const fetchMock = serveMedia([photo]);
    render(<RowView row={messageRow({ attachments: [photo] })} actions={actions} />);
    expect(screen.getByTestId('attachment-loading')).toHaveTextContent('Loading photo.png');
    const img = await screen.findByRole('img', { name: 'photo.png' });
    expect(img).toHaveAttribute('src', `https://s3.example/${photo.mediaId}?sig=x`);
    expect(img).toHaveAttribute('loading', 'lazy');
    const link = screen.getByRole('link', { name: 'Open photo.png full size' });
    expect(link).toHaveAttribute('href', `https://s3.example/${photo.mediaId}?sig=x`);
    expect(link).toHaveAttribute('target', '_blank');
    expect(screen.queryByTestId('message-body')).toBeNull();
    expect(fetchMock).toHaveBeenCalledTimes(1);
  });

  it('video and audio play in native players; other files are cards with a download link', async () => {
    const clip = attachment('video/mp4', 'clip.mp4');
    const song = attachment('audio/mpeg', 'song.mp3');
    const doc = attachment('application/pdf', 'report.pdf', 1_572_864);
    serveMedia([clip, song, doc]);
    const { container } = render(<RowView row={messageRow({ body: 'files', attachments: [clip, song, doc] })} actions={actions} />);
    const card = (await screen.findByRole('link', { name: 'Download report.pdf' })).closest('[data-testid="file-card"]') as HTMLElement;
    expect(within(card).getByText('report.pdf')).toBeInTheDocument();
    expect(within(card).getByText('1.5 MB')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Download report.pdf' })).toHaveAttribute('href', `https://s3.example/${doc.mediaId}?sig=x`);
    await waitFor(() => expect(container.querySelector('video')).not.toBeNull());
    const video = container.querySelector('video')!;
    expect(video).toHaveAttribute('controls');
    expect(video).toHaveAttribute('src', `https://s3.example/${clip.mediaId}?sig=x`);
    await waitFor(() => expect(container.querySelector('audio')).not.toBeNull());
    expect(container.querySelector('audio')).toHaveAttribute('controls');
    expect(screen.getByTestId('message-body')).toHaveTextContent('files');
    expect(screen.getAllByTestId('attachment').map((li) => li.dataset.kind)).toEqual(['video', 'audio', 'file']);
  });

  it('a file the caller may not see (404) is shown as unavailable', async () => {
    const gone = attachment('image/jpeg', 'old.jpg');
    serveMedia([]);
    render(<RowView row={messageRow({ attachments: [gone] })} actions={actions} />);
    expect(await screen.findByTestId('attachment-unavailable')).toHaveTextContent('Unavailable');
    expect(screen.getByText('old.jpg')).toBeInTheDocument();
    expect(screen.queryByRole('img', { name: 'old.jpg' })).toBeNull();
  });

  it('a deleted message shows no files', () => {
    const fetchMock = serveMedia([]);
    render(<RowView row={messageRow({ deletedAt: new Date().toISOString(), attachments: [] })} actions={actions} />);
    expect(screen.queryByTestId('attachment')).toBeNull();
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('the pending copy of a message being sent names its files', () => {
    const row: Row = {
      kind: 'pending',
      key: 'p',
      head: true,
      tail: true,
      item: {
        clientMessageId: 'c-9',
        conversationId: 'c',
        body: '',
        attachments: [attachment('image/png', 'photo.png'), attachment('text/plain', 'notes.txt')],
        createdAt: new Date().toISOString(),
        status: 'sending',
        attempts: 1,
      },
    };
    render(<RowView row={row} actions={actions} />);
    const list = screen.getByTestId('pending-attachments');
    expect(within(list).getAllByRole('listitem').map((li) => li.textContent)).toEqual(['📎 photo.png', '📎 notes.txt']);
    expect(screen.queryByTestId('message-body')).toBeNull();
  });
});

/** Uploads that finish when the test says so. */
function manualUploads() {
  const steps: { name: string; progress: (f: number) => void; finish: () => void; fail: (detail: string) => void }[] = [];
  let n = 0;
  const api: UploadApi = {
    createUpload: async (req) => ({ mediaId: `up-${++n}-${req.filename}`, uploadUrl: 'https://s3.example/put', uploadMethod: 'PUT', uploadHeaders: {}, expiresAt: '' }),
    putBytes: (ticket, _body, progress) =>
      new Promise((resolve, reject) => {
        steps.push({
          name: ticket.mediaId,
          progress: (f) => progress?.(f),
          finish: () => resolve(),
          fail: (detail) => reject(Object.assign(new Error(detail))),
        });
      }),
    complete: async (mediaId) => ({
      mediaId,
      status: 'READY',
      contentType: 'image/png',
      sizeBytes: 3,
      filename: 'x',
      createdAt: '',
      downloadUrl: null,
      downloadUrlExpiresAt: null,
    }),
  };
  return { api, steps };
}

describe('Composer with files', () => {
  it('the paperclip picks files: chips show progress, Send waits for the uploads, then sends their ids and clears', async () => {
    const onSend = vi.fn();
    const up = manualUploads();
    render(<Composer conversationId="c-files" onSend={onSend} uploadApi={up.api} />);
    const input = screen.getByTestId('attach-input') as HTMLInputElement;
    await userEvent.upload(input, [
      new File(['abc'], 'photo.png', { type: 'image/png' }),
      new File(['abc'], 'notes.txt', { type: 'text/plain' }),
    ]);
    const chips = screen.getAllByTestId('upload-chip');
    expect(chips.map((c) => c.dataset.status)).toEqual(['uploading', 'uploading']);
    expect(within(chips[0]!).getByText('photo.png')).toBeInTheDocument();
    expect(within(chips[0]!).getByText(/3 B/)).toBeInTheDocument();
    const send = screen.getByRole('button', { name: 'Send' });
    expect(send).toBeDisabled();

    await waitFor(() => expect(up.steps).toHaveLength(2));
    act(() => up.steps[0]!.progress(0.4));
    expect(screen.getByRole('progressbar', { name: 'Uploading photo.png' })).toHaveAttribute('aria-valuenow', '40');
    act(() => up.steps[0]!.finish());
    await waitFor(() => expect(screen.getAllByTestId('upload-chip')[0]).toHaveAttribute('data-status', 'ready'));
    expect(send).toBeDisabled(); // notes.txt is still on its way
    act(() => up.steps[1]!.finish());
    await waitFor(() => expect(send).toBeEnabled());

    await userEvent.click(send);
    expect(onSend).toHaveBeenCalledWith('', [
      { mediaId: 'up-1-photo.png', contentType: 'image/png', sizeBytes: 3, filename: 'photo.png' },
      { mediaId: 'up-2-notes.txt', contentType: 'text/plain', sizeBytes: 3, filename: 'notes.txt' },
    ]);
    expect(screen.queryAllByTestId('upload-chip')).toEqual([]);
    expect(send).toBeDisabled();
  });

  it('a failed upload shows why and can be removed; text still sends without it', async () => {
    const onSend = vi.fn();
    const up = manualUploads();
    render(<Composer conversationId="c-fail" onSend={onSend} uploadApi={up.api} />);
    await userEvent.upload(screen.getByTestId('attach-input'), new File(['abc'], 'big.mp4', { type: 'video/mp4' }));
    await waitFor(() => expect(up.steps).toHaveLength(1));
    act(() => up.steps[0]!.fail('Files may be at most 20 MB.'));
    expect(await screen.findByRole('alert')).toHaveTextContent('Files may be at most 20 MB.');
    expect(screen.getByTestId('upload-chip')).toHaveAttribute('data-status', 'failed');
    expect(screen.getByRole('button', { name: 'Send' })).toBeDisabled(); // nothing READY, no text

    await userEvent.click(screen.getByRole('button', { name: 'Remove big.mp4' }));
    expect(screen.queryByTestId('upload-chip')).toBeNull();
    await userEvent.type(screen.getByRole('textbox', { name: 'Message' }), 'hi{Enter}');
    expect(onSend).toHaveBeenCalledWith('hi', []);
  });

  it('a pasted file becomes a chip; the 11th file is refused with a note', async () => {
    const up = manualUploads();
    render(<Composer conversationId="c-paste" onSend={() => {}} uploadApi={up.api} />);
    const box = screen.getByRole('textbox', { name: 'Message' });
    await userEvent.click(box);
    await userEvent.paste({
      files: [new File(['x'], 'pasted.png', { type: 'image/png' })],
      getData: () => '',
      types: ['Files'],
    } as unknown as DataTransfer);
    expect(screen.getByTestId('upload-chip')).toHaveTextContent('pasted.png');
    expect(box).toHaveValue('');

    await userEvent.upload(
      screen.getByTestId('attach-input'),
      Array.from({ length: 10 }, (_, i) => new File(['x'], `f${i}.png`, { type: 'image/png' })),
    );
    expect(screen.getAllByTestId('upload-chip')).toHaveLength(10);
    expect(screen.getByText('At most 10 files per message.')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Attach files' })).toBeDisabled();
  });

  it('files dropped on the composer become chips; a dragged text does not', () => {
    const up = manualUploads();
    render(<Composer conversationId="c-drop" onSend={() => {}} uploadApi={up.api} />);
    const form = screen.getByRole('textbox', { name: 'Message' }).closest('form')!;
    fireEvent.drop(form, { dataTransfer: { types: ['text/plain'], files: [] } });
    expect(screen.queryByTestId('upload-chip')).toBeNull();
    fireEvent.drop(form, { dataTransfer: { types: ['Files'], files: [new File(['x'], 'dropped.pdf', { type: 'application/pdf' })] } });
    expect(screen.getByTestId('upload-chip')).toHaveTextContent('dropped.pdf');
  });
});
