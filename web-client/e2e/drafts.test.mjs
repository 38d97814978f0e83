// Drafts follow the user across devices: the same user signed in on two browser contexts (two devices).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  BASE_URL, browserPerFile, newPage, PASSWORD, poll, registerViaApi, signInWithTokens, unique,
} from './helpers.mjs';

const browser = browserPerFile();

/** A second sign-in of the same user: its own refresh token, as another device has. */
async function login(username) {
  const res = await fetch(`${BASE_URL}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  assert.equal(res.status, 200, await res.clone().text());
  return res.json();
}

function conversationLink(page, name) {
  return page.getByRole('list', { name: 'Conversations' }).getByRole('link', { name: new RegExp(name) });
}

async function composerShows(page, text) {
  const box = page.getByRole('textbox', { name: 'Message' });
  await box.waitFor();
  await poll(async () => (await box.inputValue()) === text, { message: `the composer to show "${text}"` });
}

test('a draft typed on one device shows on the other, survives a reload, and goes when sent from the other', async () => {
  const [alice, bob] = await Promise.all([
    registerViaApi(unique('al'), `Alice ${unique('')}`),
    registerViaApi(unique('bo'), `Bob ${unique('')}`),
  ]);
  const dm = await alice.api('/api/conversations/direct', { method: 'POST', body: { userId: bob.userId } });
  const laptop = await newPage(browser());
  const phone = await newPage(browser());
  try {
    await signInWithTokens(laptop.page, alice.tokens);
    await signInWithTokens(phone.page, await login(alice.username));
    await conversationLink(phone.page, bob.displayName).waitFor();

    // Typed on the laptop: the phone's list marks the conversation with the draft, live.
    await conversationLink(laptop.page, bob.displayName).click();
    const text = 'Meet at the station at 6';
    await laptop.page.getByRole('textbox', { name: 'Message' }).fill(text);
    const marker = conversationLink(phone.page, bob.displayName).getByTestId('draft-preview');
    await marker.waitFor();
    assert.equal((await marker.innerText()).replace(/\s+/g, ' ').trim(), `Draft: ${text}`);

    // The phone opens it: the text is in its composer (the open conversation's draft is there, not in the list).
    await conversationLink(phone.page, bob.displayName).click();
    await composerShows(phone.page, text);
    assert.equal(await marker.count(), 0);

    // The laptop reloads: the draft is still there; away from the conversation, its list marks it.
    await laptop.page.reload();
    await composerShows(laptop.page, text);
    await laptop.page.goto(`${BASE_URL}/`);
    const laptopMarker = conversationLink(laptop.page, bob.displayName).getByTestId('draft-preview');
    await laptopMarker.waitFor();

    // Sent from the phone: the draft is gone everywhere.
    await phone.page.getByRole('textbox', { name: 'Message' }).press('Enter');
    await phone.page.locator('[data-testid="message"][data-status="sent"]', { hasText: text }).waitFor();
    await composerShows(phone.page, '');
    await laptopMarker.waitFor({ state: 'detached' });
    await poll(async () => (await alice.api(`/api/conversations/${dm.id}/draft`)) === undefined, {
      message: 'no draft on the server',
    });
  } finally {
    await laptop.context.close();
    await phone.context.close();
  }
});
