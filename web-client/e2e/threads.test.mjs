// Threads, live in two browsers: a reply from the thread panel, the parent's reply count, replies kept out of the
// main list.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  aliceAndBobInADm, browserPerFile, messageWithText, poll, sendMessage,
} from './helpers.mjs';

const browser = browserPerFile();

const thread = (page) => page.getByRole('complementary', { name: 'Thread' });
const replyBox = (page) => thread(page).getByRole('textbox', { name: 'Reply' });

test('a reply from the thread panel reaches the other side live, counted on its parent, not in the main list', async () => {
  const { a, b, alice, bob, close } = await aliceAndBobInADm(browser());
  try {    await sendMessage(a.page, 'Plan for Friday?');
    await a.page.locator('[data-testid="message"][data-status="sent"]', { hasText: 'Plan for Friday?' }).waitFor();
    await b.page.getByRole('list', { name: 'Conversations' }).getByRole('link', { name: new RegExp(alice.displayName) }).click();
    const parentOnBob = messageWithText(b.page, 'Plan for Friday?');
    await parentOnBob.waitFor();

    // Bob replies in the thread.
    await parentOnBob.hover();
    await parentOnBob.getByRole('button', { name: 'Message actions' }).click();
    await b.page.getByRole('menuitem', { name: 'Reply in thread' }).click();
    await replyBox(b.page).fill("I'm in");
    await replyBox(b.page).press('Enter');
    await thread(b.page).locator('[data-testid="message"][data-status="sent"]', { hasText: "I'm in" }).waitFor();
    await thread(b.page).getByTestId('thread-count').getByText('1 reply').waitFor();

    // Alice sees the count on the parent live, opens the thread and answers there.
    const summary = messageWithText(a.page, 'Plan for Friday?').getByTestId('thread-summary');
    await summary.getByText('1 reply').waitFor();
    assert.equal(await messageWithText(a.page, "I'm in").count(), 0, 'a reply stays out of the main list');
    await summary.click();
    await thread(a.page).locator('[data-testid="message"]', { hasText: "I'm in" }).waitFor();
    await replyBox(a.page).fill('Great, 7pm');
    await replyBox(a.page).press('Enter');

    await thread(b.page).locator('[data-testid="message"]', { hasText: 'Great, 7pm' }).waitFor();
    await thread(b.page).getByTestId('thread-count').getByText('2 replies').waitFor();
    await messageWithText(b.page, 'Plan for Friday?').getByTestId('thread-summary').getByText('2 replies').waitFor();
    await poll(async () => (await b.page.getByRole('region', { name: 'Messages' }).locator('[data-testid="message"]').count()) === 1, {
      message: 'the main list holds the parent only',
    });

    await thread(a.page).getByRole('button', { name: 'Close thread' }).click();
    await thread(a.page).waitFor({ state: 'detached' });
  } finally {
    await close();
  }
});
