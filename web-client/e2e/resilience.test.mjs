// Delivery through a dropped connection and a failed send: exactly once, in order.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  browserPerFile, messageBodies, messageWithText, newPage, openDmFromUi, poll, registerViaUi, sendMessage, unique, waitForCount,
} from './helpers.mjs';

const browser = browserPerFile();

async function pair() {
  const a = await newPage(browser());
  const b = await newPage(browser());
  const alice = await registerViaUi(a.page, unique('a'), `Alice ${unique('')}`);
  const bob = await registerViaUi(b.page, unique('b'), `Bob ${unique('')}`);
  await openDmFromUi(a.page, bob.username);
  return { a, b, alice, bob };
}

test('messages sent while the receiver is offline arrive after reconnect, once and in order', async () => {
  const { a, b, alice } = await pair();
  try {
    await sendMessage(a.page, 'one');
    const item = b.page.getByRole('list', { name: 'Conversations' }).getByRole('link', { name: new RegExp(alice.displayName) });
    await item.click();
    await messageWithText(b.page, 'one').waitFor();

    // Bob's network drops: the client closes its socket and says so
    const catchUps = [];
    b.page.on('request', (r) => {
      if (r.method() === 'GET' && /\/changes\?.*after=/.test(r.url())) catchUps.push(r.url());
    });
    await b.context.setOffline(true);
    await b.page.getByRole('status').filter({ hasText: /offline/i }).waitFor();

    await sendMessage(a.page, 'two');
    await sendMessage(a.page, 'three');
    await a.page.locator('[data-testid="message"][data-status="sent"]', { hasText: 'three' }).waitFor();
    await a.page.locator('[data-testid="message"][data-status="sent"]', { hasText: 'two' }).waitFor();

    // Bob writes while offline: queued, shown pending
    await sendMessage(b.page, 'queued 1');
    await sendMessage(b.page, 'queued 2');
    await b.page.locator('[data-testid="message"][data-status="pending"]', { hasText: 'queued 2' }).waitFor();
    assert.equal(await messageWithText(b.page, 'two').count(), 0);

    await b.context.setOffline(false);
    await messageWithText(b.page, 'three').waitFor();
    await b.page.locator('[data-testid="message"][data-status="sent"]', { hasText: 'queued 2' }).waitFor();
    await b.page.locator('[data-connection="connected"]').waitFor({ state: 'attached' });

    // what Bob missed came through the protocol's REST catch-up (resume -> positions -> changes?after=)
    assert.ok(catchUps.length > 0, 'a catch-up request (changes?after=) after reconnecting');
    const expected = ['one', 'two', 'three', 'queued 1', 'queued 2'];
    for (const page of [b.page, a.page]) {
      await poll(async () => (await messageBodies(page)).length === expected.length, { message: `${expected.length} messages` });
      for (const text of expected) await waitForCount(messageWithText(page, text), 1, `one "${text}"`);
      assert.deepEqual(await messageBodies(page), expected);
    }
  } finally {
    await a.context.close();
    await b.context.close();
  }
});

test('a failed send shows Retry; retrying sends exactly one copy', async () => {
  const { a, b, alice } = await pair();
  try {
    let aborted = 0;
    await a.page.route('**/api/conversations/*/messages', async (route) => {
      if (route.request().method() === 'POST' && aborted === 0) {
        aborted++;
        return route.abort('failed');
      }
      return route.continue();
    });
    await sendMessage(a.page, 'please retry me');
    const failed = a.page.locator('[data-testid="message"][data-status="failed"]', { hasText: 'please retry me' });
    await failed.waitFor();
    await failed.getByRole('button', { name: 'Retry' }).click();
    await a.page.locator('[data-testid="message"][data-status="sent"]', { hasText: 'please retry me' }).waitFor();
    assert.equal(aborted, 1);
    await waitForCount(messageWithText(a.page, 'please retry me'), 1);

    const item = b.page.getByRole('list', { name: 'Conversations' }).getByRole('link', { name: new RegExp(alice.displayName) });
    await item.click();
    await messageWithText(b.page, 'please retry me').waitFor();
    await waitForCount(messageWithText(b.page, 'please retry me'), 1);

    for (const page of [a.page, b.page]) {
      await page.reload();
      await messageWithText(page, 'please retry me').waitFor();
      await waitForCount(messageWithText(page, 'please retry me'), 1);
    }
  } finally {
    await a.context.close();
    await b.context.close();
  }
});
