// Attachments, live in two browsers against the real stack: an upload straight to the object store (presigned PUT
// from the browser), its message shown on both sides with the image loaded from a presigned GET, a refused type
// shown on its chip, the conversation's shared files, and a delete that takes the files with it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import zlib from 'node:zlib';
import { aliceAndBobInADm, browserPerFile, messageWithText, poll, screenshot } from './helpers.mjs';

const browser = browserPerFile();

// A real PNG, 160x90 of one colour (the service sniffs the first bytes; the browser must decode it).
function png(width, height, [r, g, b]) {
  const chunk = (type, data) => {
    const body = Buffer.concat([Buffer.from(type), data]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(zlib.crc32(body), body.length + 4);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8 bits, RGB
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: width }, () => [r, g, b]).flat())]);
  const pixels = zlib.deflateSync(Buffer.concat(Array.from({ length: height }, () => row)));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header),
    chunk('IDAT', pixels), chunk('IEND', Buffer.alloc(0))]);
}
const PNG = png(160, 90, [79, 70, 229]);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

const chip = (page, name) => page.getByTestId('upload-chip').filter({ hasText: name });
const imageLoaded = (locator) => locator.evaluate((img) => img.complete && img.naturalWidth > 0);

test('files go up from the browser, reach the other member live, are listed, and leave with their message', async () => {
  const { a, b, alice, close } = await aliceAndBobInADm(browser());
  try {
    await a.page.getByTestId('attach-input').setInputFiles([
      { name: 'photo.png', mimeType: 'image/png', buffer: PNG },
      { name: 'report.pdf', mimeType: 'application/pdf', buffer: PDF },
      { name: 'tool.exe', mimeType: 'application/x-msdownload', buffer: Buffer.from('MZ') },
    ]);
    await chip(a.page, 'photo.png').and(a.page.locator('[data-status="ready"]')).waitFor();
    await chip(a.page, 'report.pdf').and(a.page.locator('[data-status="ready"]')).waitFor();
    // a type the service does not take: refused on its chip, with the server's reason; it does not block the rest
    await chip(a.page, 'tool.exe').and(a.page.locator('[data-status="failed"]')).getByRole('alert').waitFor();
    await a.page.getByRole('button', { name: 'Remove tool.exe' }).click();
    await chip(a.page, 'tool.exe').waitFor({ state: 'detached' });

    const box = a.page.getByRole('textbox', { name: 'Message' });
    await box.fill('Slides and a picture');
    await box.press('Enter');
    await a.page.getByTestId('upload-chip').first().waitFor({ state: 'detached' });
    const sent = a.page.locator('[data-testid="message"][data-status="sent"]', { hasText: 'Slides and a picture' });
    await sent.waitFor();
    const mine = sent.getByRole('img', { name: 'photo.png' });
    await poll(() => imageLoaded(mine), { message: 'the image loads on the sender side' });

    // Bob: the message arrived live; the image comes from the object store with his own presigned URL.
    await b.page.getByRole('list', { name: 'Conversations' }).getByRole('link', { name: new RegExp(alice.displayName) }).click();
    const received = messageWithText(b.page, 'Slides and a picture');
    await received.waitFor();
    const image = received.getByRole('img', { name: 'photo.png' });
    await poll(() => imageLoaded(image), { message: 'the image loads for the other member' });
    const pdf = received.getByRole('link', { name: 'Download report.pdf' });
    await pdf.waitFor();
    assert.match((await pdf.getAttribute('href')) ?? '', /^https?:\/\//, 'a presigned download URL');
    await screenshot(b.page, 'attachments-received');

    await b.page.getByRole('button', { name: 'Shared files' }).click();
    const files = b.page.getByRole('dialog', { name: 'Shared files' });
    await files.getByTestId('files-entry').first().waitFor();
    assert.equal(await files.getByTestId('files-entry').count(), 1, 'one message with files');
    await b.page.keyboard.press('Escape');

    // Alice deletes it: on both sides the tombstone shows no file.
    await sent.hover();
    await sent.getByRole('button', { name: 'Message actions' }).click();
    await a.page.getByRole('menuitem', { name: 'Delete' }).click();
    await a.page.getByRole('dialog', { name: 'Delete message?' }).getByRole('button', { name: 'Delete' }).click();
    for (const page of [a.page, b.page]) {
      await page.locator('[data-testid="message"][data-deleted="true"]').getByText('Message deleted').waitFor();
      assert.equal(await page.getByRole('img', { name: 'photo.png' }).count(), 0);
      assert.equal(await page.getByRole('link', { name: 'Download report.pdf' }).count(), 0);
    }
  } finally {
    await close();
  }
});
