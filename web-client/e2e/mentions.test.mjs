// Mentions, live in two browsers: the "@" picker in the composer, and the mention shown to everyone, standing out
// for the member it names.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { browserPerFile, messageWithText, newPage, registerViaApi, signInWithTokens, unique } from './helpers.mjs';

const browser = browserPerFile();

test('picking a member from the "@" list mentions them; they see their mention stand out', async () => {
  const tag = unique('');
  const sam = await registerViaApi(unique('sam'), `Sam ${tag}`);
  const kim = await registerViaApi(unique('kim'), `Kim ${tag}`);
  const lee = await registerViaApi(unique('lee'), `Lee ${tag}`);
  const group = await sam.api('/api/conversations', {
    method: 'POST',
    body: { type: 'GROUP', title: `Mentions ${tag}`, memberIds: [kim.userId, lee.userId] },
  });
  const s = await newPage(browser());
  const k = await newPage(browser());
  try {
    await signInWithTokens(s.page, sam.tokens);
    await signInWithTokens(k.page, kim.tokens);
    const open = (page) => page.getByRole('list', { name: 'Conversations' }).getByRole('link', { name: new RegExp(group.title) }).click();
    await open(s.page);
    await open(k.page);

    const box = s.page.getByRole('textbox', { name: 'Message' });
    await box.pressSequentially(`lunch @${kim.username.slice(0, 4)}`);
    const picker = s.page.getByRole('listbox', { name: 'Mention someone' });
    await picker.getByRole('option', { name: new RegExp(`@${kim.username}`) }).waitFor();
    assert.equal(await picker.getByRole('option', { name: new RegExp(lee.username) }).count(), 0, 'only matching members');
    await box.press('Enter'); // picks, does not send
    assert.equal(await box.inputValue(), `lunch @${kim.username} `);
    await box.pressSequentially('at noon?');
    await box.press('Enter');

    const text = `lunch @${kim.username} at noon?`;
    await messageWithText(s.page, 'at noon?').getByTestId('mention').getByText(`@${kim.username}`).waitFor();
    const onKim = messageWithText(k.page, 'at noon?').getByTestId('mention');
    await onKim.waitFor();
    assert.equal(await onKim.getAttribute('data-me'), 'true');
    assert.equal((await messageWithText(k.page, 'at noon?').getByTestId('message-body').textContent())?.trim(), text);

    // An address or a name that is nobody's stays text.
    await box.fill(`mail ${kim.username}@example.com or @nobody${tag}`);
    await box.press('Escape');
    await box.press('Enter');
    await messageWithText(s.page, '@example.com').waitFor();
    assert.equal(await messageWithText(s.page, '@example.com').getByTestId('mention').count(), 0);
  } finally {
    await s.context.close();
    await k.context.close();
  }
});
