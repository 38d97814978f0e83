import type { Attachment, Message } from '../../api/types.ts';

/** A message's files in one line, for places that show a body as text: "📎 photo.png", "📎 3 files". */
export function attachmentSummary(attachments: readonly Pick<Attachment, 'filename'>[] | undefined): string {
  if (!attachments?.length) return '';
  return attachments.length === 1 ? `📎 ${attachments[0]!.filename}` : `📎 ${attachments.length} files`;
}

/** The text that stands for a message in a list or an announcement: its body, else its files. */
export function previewText(m: Pick<Message, 'body' | 'attachments'>): string {
  return m.body || attachmentSummary(m.attachments);
}
