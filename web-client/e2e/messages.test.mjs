// Message interactions between users, live in two browsers: edit (menu and Up-arrow), edit history, delete,
// reactions, pins, and search that opens a result in place.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  aliceAndBobInADm, browserPerFile, messageWithText, newPage, registerViaApi, sendMessage, signInWithTokens, unique,
} from './helpers.mjs';

const browser = browserPerFile();

test('an edit and a delete reach the other side live; the history keeps the earlier text', async () => {
  const { a, b, alice, bob, close } = await aliceAndBobInADm(browser());
  try {    await sendMessage(a.page, 'See you at 5');
    await sendMessage(a.page, 'helo');
    await a.page.locator('[data-testid="message"][data-status="sent"]', { hasText: 'helo' }).waitFor();
    await b.page.getByRole('list', { name: 'Conversations' }).getByRole('link', { name: new RegExp(alice.displayName) }).click();
    await messageWithText(b.page, 'helo').waitFor();

    // Up-arrow in the empty composer edits Alice's last message in place; Enter saves.
    await a.page.getByRole('textbox', { name: 'Message' }).press('ArrowUp');
    const box = a.page.getByRole('textbox', { name: 'Edit message' });
    await box.fill('hello');
    await box.press('Enter');
    await box.waitFor({ state: 'detached' });
    for (const page of [a.page, b.page]) {
      await page.locator('[data-testid="message"][data-edited="true"]', { hasText: 'hello' }).waitFor();
      assert.equal(await messageWithText(page, 'helo').count(), 0);
    }

    // Bob reads what it said before.
    const edited = b.page.locator('[data-testid="message"][data-edited="true"]', { hasText: 'hello' });
    await edited.hover();
    await edited.getByRole('button', { name: 'Message actions' }).click();
    // not the author: no Edit, no Delete (in a DM either side may pin)
    const items = await b.page.getByRole('menuitem').allTextContents();
    assert.deepEqual(items.filter((t) => /^[A-Z]/.test(t)), ['Reply in thread', 'Pin', 'Edit history', 'Copy text', 'Mark unread']);
    await b.page.getByRole('menuitem', { name: 'Edit history' }).click();
    const history = b.page.getByRole('dialog', { name: 'Edit history' });
    await history.getByRole('list', { name: 'Earlier versions' }).getByText('helo', { exact: true }).waitFor();
    await b.page.keyboard.press('Escape');

    // Alice deletes the first message from its menu: both sides keep a tombstone in its place.
    const first = a.page.locator('[data-testid="message"]', { hasText: 'See you at 5' });
    await first.hover();
    await first.getByRole('button', { name: 'Message actions' }).click();
    await a.page.getByRole('menuitem', { name: 'Delete' }).click();
    await a.page.getByRole('dialog', { name: 'Delete message?' }).getByRole('button', { name: 'Delete' }).click();
    for (const page of [a.page, b.page]) {
      await page.locator('[data-testid="message"][data-deleted="true"]').getByText('Message deleted').waitFor();
      assert.equal(await messageWithText(page, 'See you at 5').count(), 0);
      assert.equal(await page.locator('[data-testid="message"]').count(), 2);
    }
  } finally {
    await close();
  }
});

test('reactions and pins reach the other side live and can be taken back', async () => {
  const { a, b, alice, bob, close } = await aliceAndBobInADm(browser());
  try {    await sendMessage(a.page, 'Lunch at noon?');
    await a.page.locator('[data-testid="message"][data-status="sent"]', { hasText: 'Lunch at noon?' }).waitFor();
    await b.page.getByRole('list', { name: 'Conversations' }).getByRole('link', { name: new RegExp(alice.displayName) }).click();
    const onBob = messageWithText(b.page, 'Lunch at noon?');
    await onBob.waitFor();

    // Bob reacts from the message's menu; Alice sees the chip live and adds hers by pressing it.
    await onBob.hover();
    await onBob.getByRole('button', { name: 'Message actions' }).click();
    await b.page.getByRole('menuitem', { name: 'React with 👍' }).click();
    const onAlice = messageWithText(a.page, 'Lunch at noon?');
    await onAlice.getByRole('button', { name: '👍 1' }).click();
    for (const [page, label] of [[a.page, '👍 2, including you'], [b.page, '👍 2, including you']]) {
      await messageWithText(page, 'Lunch at noon?').getByRole('button', { name: label }).waitFor();
    }
    // Bob takes his back: one left, Alice's.
    await onBob.getByRole('button', { name: '👍 2, including you' }).click();
    await onAlice.getByRole('button', { name: '👍 1, including you' }).waitFor();
    await onBob.getByRole('button', { name: '👍 1' }).waitFor();

    // In a DM either side pins; both see it marked, and in the pinned list.
    await onAlice.hover();
    await onAlice.getByRole('button', { name: 'Message actions' }).click();
    await a.page.getByRole('menuitem', { name: 'Pin' }).click();
    await b.page.locator('[data-testid="message"][data-pinned="true"]', { hasText: 'Lunch at noon?' }).waitFor();
    await b.page.getByRole('button', { name: 'Pinned messages' }).click();
    await b.page.getByRole('dialog', { name: 'Pinned messages' }).getByTestId('pinned').filter({ hasText: 'Lunch at noon?' }).waitFor();
    await b.page.keyboard.press('Escape');
    await onBob.hover();
    await onBob.getByRole('button', { name: 'Message actions' }).click();
    await b.page.getByRole('menuitem', { name: 'Unpin' }).click();
    await a.page.locator('[data-testid="message"]:not([data-pinned])', { hasText: 'Lunch at noon?' }).waitFor();
  } finally {
    await close();
  }
});

test('search finds a message in any of my conversations and opens it in place, far back in its history', async () => {
  const [ann, ben] = await Promise.all([registerViaApi(unique('ann'), `Ann ${unique('')}`), registerViaApi(unique('ben'), `Ben ${unique('')}`)]);
  const dm = await ann.api('/api/conversations/direct', { method: 'POST', body: { userId: ben.userId } });
  const say = (body) => ben.api(`/api/conversations/${dm.id}/messages`, { method: 'POST', body: { clientMessageId: unique('c'), body } });
  await say('The <b>pineapple</b> pizza place is on 5th street');
  for (let i = 0; i < 120; i++) await say(`filler message number ${i}`);
  const p = await newPage(browser());
  try {
    await signInWithTokens(p.page, ann.tokens);
    await p.page.getByRole('button', { name: 'Search messages' }).click();
    const dialog = p.page.getByRole('dialog', { name: 'Search messages' });
    await dialog.getByRole('searchbox', { name: 'Search messages' }).fill('pineapple pizza');
    const hit = dialog.getByTestId('search-result').first();
    await hit.locator('mark', { hasText: 'pineapple' }).waitFor();
    assert.match(await hit.innerText(), /pineapple<\/b> pizza/); // the body's markup is shown as text, not applied
    await hit.click();
    const target = p.page.locator('[data-testid="message"][data-highlighted="true"]', { hasText: 'pineapple' });
    await target.waitFor();
    assert.ok(await target.isVisible());
  } finally {
    await p.context.close();
  }
});
