// Receipts, live in two or three browsers: delivered and read ticks, the server's unread counts and divider,
// mark unread (kept across a reload), and "read by" in a group.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  aliceAndBobInADm, browserPerFile, messageWithText, newPage, poll, registerViaApi, sendMessage, signInWithTokens, unique,
} from './helpers.mjs';

const browser = browserPerFile();

const tickOf = (page, text) => messageWithText(page, text).getAttribute('data-tick');
const listItem = (page, name) =>
  page.getByRole('list', { name: 'Conversations' }).getByRole('link', { name: new RegExp(name) });

test('ticks go delivered then read, unread counts come from the server, and mark unread survives a reload', async () => {
  const { a, b, alice, bob, close } = await aliceAndBobInADm(browser());
  try {    for (const text of ['one', 'two', 'three']) await sendMessage(a.page, text);
    await a.page.locator('[data-testid="message"][data-status="sent"]', { hasText: 'three' }).waitFor();

    // Bob's device got the pushes without opening the conversation: delivered, not read; his list counts 3.
    await poll(async () => (await tickOf(a.page, 'three')) === 'delivered', { message: 'delivered tick' });
    const badge = listItem(b.page, alice.displayName).getByTestId('unread-count');
    await poll(async () => (await badge.textContent())?.startsWith('3'), { message: 'three unread on Bob' });

    // Bob opens it: the divider sits before the first unread; Alice's ticks turn read.
    await listItem(b.page, alice.displayName).click();
    await messageWithText(b.page, 'three').waitFor();
    const order = await b.page
      .getByRole('region', { name: 'Messages' })
      .locator('[data-testid="message"], [role="separator"][aria-label="New messages"]')
      .evaluateAll((els) => els.map((e) => (e.getAttribute('role') === 'separator' ? 'NEW' : e.textContent?.includes('one') ? 'one' : 'x')));
    assert.equal(order.indexOf('NEW'), order.indexOf('one') - 1, `divider before "one": ${order}`);
    await poll(async () => (await tickOf(a.page, 'three')) === 'read', { message: 'read tick' });
    assert.equal(await tickOf(a.page, 'one'), 'read');

    // Bob marks "two" unread, then reloads: the server kept it (2 unread from "two" on), and the divider is there.
    const two = messageWithText(b.page, 'two');
    await two.hover();
    await two.getByRole('button', { name: 'Message actions' }).click();
    await b.page.getByRole('menuitem', { name: 'Mark unread' }).click();
    await b.page.locator('[role="separator"][aria-label="New messages"]').waitFor();
    await b.page.goto(new URL('/', b.page.url()).toString());
    await poll(async () => (await listItem(b.page, alice.displayName).getByTestId('unread-count').textContent())?.startsWith('2'), {
      message: 'two unread after mark unread and reload',
    });
    assert.equal(await tickOf(a.page, 'three'), 'read', 'a mark unread is private: Alice still sees it read');

    // Opening it reads it again: after a reload the badge is gone (the read reached the server).
    await listItem(b.page, alice.displayName).click();
    await messageWithText(b.page, 'three').waitFor();
    await poll(async () => {
      await b.page.goto(new URL('/', b.page.url()).toString());
      await listItem(b.page, alice.displayName).waitFor();
      return (await listItem(b.page, alice.displayName).getByTestId('unread-count').count()) === 0;
    }, { message: 'nothing unread after reading' });
  } finally {
    await close();
  }
});

test('in a group, "read by" lists who read one\'s message, live', async () => {
  const sam = await registerViaApi(unique('s'), `Sam ${unique('')}`);
  const kim = await registerViaApi(unique('k'), `Kim ${unique('')}`);
  const lee = await registerViaApi(unique('l'), `Lee ${unique('')}`);
  const group = await sam.api('/api/conversations', {
    method: 'POST',
    body: { type: 'GROUP', title: `Receipts ${unique('')}`, memberIds: [kim.userId, lee.userId] },
  });
  const s = await newPage(browser());
  const k = await newPage(browser());
  try {
    await signInWithTokens(s.page, sam.tokens);
    await signInWithTokens(k.page, kim.tokens);
    await listItem(s.page, group.title).click();
    await s.page.locator('[data-connection="connected"]').waitFor();
    await sendMessage(s.page, 'Who is in?');
    await s.page.locator('[data-testid="message"][data-status="sent"]', { hasText: 'Who is in?' }).waitFor();

    await listItem(k.page, group.title).click();
    await messageWithText(k.page, 'Who is in?').waitFor();

    const mine = messageWithText(s.page, 'Who is in?');
    await poll(async () => {
      await mine.hover();
      await mine.getByRole('button', { name: 'Message actions' }).click();
      await s.page.getByRole('menuitem', { name: 'Read by' }).click();
      const dialog = s.page.getByRole('dialog', { name: 'Message info' });
      const readBy = await dialog.getByTestId('read-by').textContent();
      await s.page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached' });
      return readBy?.includes(kim.displayName) && !readBy.includes(lee.displayName);
    }, { message: 'Kim in "read by", Lee not' });
    assert.equal(await tickOf(s.page, 'Who is in?'), 'sent', 'Lee has not got it: not delivered to all');
  } finally {
    await s.context.close();
    await k.context.close();
  }
});
