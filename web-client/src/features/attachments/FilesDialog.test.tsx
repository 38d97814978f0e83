import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Message } from '../../api/types.ts';
import { FilesDialog } from './FilesDialog.tsx';

afterEach(() => {
  vi.unstubAllGlobals();
});

const message = (seq: number): Message => ({
  id: `m${seq}`,
  conversationId: 'c',
  seq,
  senderId: 'bob',
  clientMessageId: `c-${seq}`,
  body: '',
  replyToId: null,
  createdAt: new Date().toISOString(),
  attachments: [{ mediaId: `files-${seq}`, contentType: 'application/pdf', sizeBytes: 10, filename: `doc${seq}.pdf` }],
});

describe('FilesDialog', () => {
  it('lists the files newest first and pages back from the oldest seq shown', async () => {
    const urls: string[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (input: RequestInfo | URL) => {
        const url = String(input);
        urls.push(url);
        if (url.startsWith('/api/media/')) return Response.json({ status: 404 }, { status: 404 });
        const before = new URL(url, 'http://x').searchParams.get('beforeSeq');
        // a full first page (30, down from seq 100), then the last two
        const items = before ? [message(12), message(11)] : Array.from({ length: 30 }, (_, i) => message(100 - i));
        return Response.json({ items });
      }),
    );
    render(
      <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
        <FilesDialog conversationId="c" nameOf={() => 'Bob'} onClose={() => {}} />
      </QueryClientProvider>,
    );
    expect(await screen.findByText('doc100.pdf')).toBeInTheDocument();
    expect(screen.getAllByTestId('files-entry')).toHaveLength(30);
    await userEvent.click(screen.getByRole('button', { name: 'Older files' }));
    expect(await screen.findByText('doc11.pdf')).toBeInTheDocument();
    expect(urls.filter((u) => u.includes('/attachments'))).toEqual([
      '/api/conversations/c/attachments?limit=30',
      '/api/conversations/c/attachments?beforeSeq=71&limit=30',
    ]);
    expect(screen.queryByRole('button', { name: 'Older files' })).toBeNull();
  });
});
