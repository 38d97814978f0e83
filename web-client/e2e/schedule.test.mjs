// Scheduled messages, live in two browsers: Alice schedules two messages in a group with Bob, edits the first
// (text, and its time to a few seconds ahead) and cancels the second; Bob sees the edited one arrive when it is due,
// and never the cancelled one.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  browserPerFile, messageWithText, newPage, registerViaApi, sendMessage, signInWithTokens, unique,
} from './helpers.mjs';

const browser = browserPerFile();

/** Schedules the composer's text from the clock button with one of the dialog's quick picks. */
async function scheduleFromComposer(page, text, pick) {
  const box = page.getByRole('textbox', { name: 'Message' });
  await box.fill(text);
  await page.getByRole('button', { name: 'Schedule message' }).click();
  const dialog = page.getByRole('dialog', { name: 'Schedule message' });
  await dialog.getByTestId('schedule-preview').getByText(text).waitFor();
  await dialog.getByRole('button', { name: pick }).click();
  await dialog.getByRole('button', { name: 'Schedule', exact: true }).click();
  await dialog.waitFor({ state: 'detached' });
  assert.equal(await box.inputValue(), '', 'the composer is cleared once scheduled');
}

test('a scheduled message, edited before its time, reaches the other side live; a cancelled one never does', async () => {
  const a = await newPage(browser());
  const b = await newPage(browser());
  try {
    const run = unique('');
    const alice = await registerViaApi(unique('a'), `Alice ${run}`);
    const bob = await registerViaApi(unique('b'), `Bob ${run}`);
    const title = `Plans ${run}`;
    await alice.api('/api/conversations', { method: 'POST', body: { type: 'GROUP', title, memberIds: [bob.userId] } });
    for (const [p, u] of [[a.page, alice], [b.page, bob]]) {
      await signInWithTokens(p, u.tokens);
      await p.getByRole('list', { name: 'Conversations' }).getByRole('link', { name: new RegExp(title) }).click();
      await p.getByRole('textbox', { name: 'Message' }).waitFor();
    }

    const first = `Scheduled hello ${run}`;
    const edited = `Edited hello ${run}`;
    const cancelled = `Never sent ${run}`;
    await scheduleFromComposer(a.page, first, 'In 1 hour');
    await scheduleFromComposer(a.page, cancelled, 'Tomorrow 9:00');

    // Alice's bar lists both, soonest first.
    const bar = a.page.getByTestId('scheduled-bar');
    await bar.getByRole('button', { name: '2 scheduled' }).click();
    const items = bar.getByTestId('scheduled-message');
    await items.filter({ hasText: cancelled }).waitFor();
    assert.deepEqual(
      (await items.allTextContents()).map((t) => (t.includes(first) ? 'first' : t.includes(cancelled) ? 'cancelled' : t)),
      ['first', 'cancelled'],
    );

    // Edit the first: new text, and a time a few seconds ahead (whole seconds, as the picker shows them).
    await bar.getByRole('button', { name: `Edit scheduled message: ${first}` }).click();
    const dialog = a.page.getByRole('dialog', { name: 'Edit scheduled message' });
    await dialog.getByRole('textbox', { name: 'Message' }).fill(edited);
    const soon = await a.page.evaluate(() => {
      let d = new Date(Date.now() + 6000);
      if (d.getSeconds() === 0) d = new Date(d.getTime() + 1000); // a value with seconds keeps them
      const pad = (n) => String(n).padStart(2, '0');
      return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
    });
    await dialog.getByLabel('Send at').fill(soon);
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'detached' });
    await items.filter({ hasText: edited }).waitFor();

    // Cancel the second: it leaves the list.
    await bar.getByRole('button', { name: `Cancel scheduled message: ${cancelled}` }).click();
    await bar.getByRole('button', { name: '1 scheduled' }).waitFor();
    assert.equal(await items.filter({ hasText: cancelled }).count(), 0);

    // When it is due, the edited text reaches Bob live (and Alice); Alice's bar empties.
    await messageWithText(b.page, edited).waitFor({ timeout: 60_000 });
    await messageWithText(a.page, edited).waitFor({ timeout: 60_000 });
    await bar.waitFor({ state: 'detached', timeout: 60_000 });

    // A fence after it: whatever was sent before it has reached Bob; neither the first text nor the cancelled one did.
    const fence = `Fence ${run}`;
    await sendMessage(a.page, fence);
    await messageWithText(b.page, fence).waitFor();
    assert.equal(await messageWithText(b.page, edited).count(), 1);
    assert.equal(await messageWithText(b.page, first).count(), 0);
    assert.equal(await messageWithText(b.page, cancelled).count(), 0);
  } finally {
    await a.context.close();
    await b.context.close();
  }
});
