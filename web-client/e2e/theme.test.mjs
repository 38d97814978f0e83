// Theme persistence, and screenshots of every screen in both themes (CHAT_SCREENSHOTS).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  BASE_URL, browserPerFile, messageWithText, newPage, PASSWORD, registerViaApi, screenshotBothThemes, sendMessage, signInWithTokens, unique,
} from './helpers.mjs';

const browser = browserPerFile();

const isDark = (page) => page.evaluate(() => document.documentElement.classList.contains('dark'));
const background = (page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor);

test('the theme toggle persists across a reload (applied before first paint)', async () => {
  const { context, page } = await newPage(browser(), { colorScheme: 'light' });
  try {
    const user = await registerViaApi(unique('t'));
    await signInWithTokens(page, user.tokens);
    const toggle = page.getByRole('button', { name: 'Dark theme' });
    await toggle.waitFor();
    assert.equal(await isDark(page), false);
    assert.equal(await toggle.getAttribute('aria-pressed'), 'false');
    const lightBg = await background(page);

    await toggle.click();
    await page.waitForFunction(() => document.documentElement.classList.contains('dark'));
    assert.equal(await toggle.getAttribute('aria-pressed'), 'true');

    // after a reload the class is there before the app runs (inline script), and the page is dark
    await page.reload({ waitUntil: 'commit' });
    await page.waitForFunction(() => document.body !== null);
    assert.equal(await isDark(page), true);
    await page.getByRole('button', { name: 'Dark theme' }).waitFor();
    assert.equal(await page.getByRole('button', { name: 'Dark theme' }).getAttribute('aria-pressed'), 'true');
    const darkBg = await background(page);
    assert.notEqual(darkBg, lightBg);
    assert.equal(darkBg, 'rgb(11, 15, 23)');

    // and back to light, which persists too
    await page.getByRole('button', { name: 'Dark theme' }).click();
    await page.reload();
    await page.getByRole('button', { name: 'Dark theme' }).waitFor();
    assert.equal(await isDark(page), false);
  } finally {
    await context.close();
  }
});

test('screenshots of every screen, light and dark', async () => {
  const { context, page } = await newPage(browser(), { colorScheme: 'light' });
  const narrow = await newPage(browser(), { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  try {
    await page.goto(`${BASE_URL}/login`);
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    await screenshotBothThemes(page, '01-login');

    // the login form's problem message
    await page.getByLabel('Username').fill(unique('nobody'));
    await page.getByLabel('Password').fill('wrong-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').waitFor();
    await screenshotBothThemes(page, '02-login-error');

    const username = unique('me');
    await page.goto(`${BASE_URL}/register`);
    await page.getByLabel('Username').fill('no spaces allowed');
    await page.getByLabel('Display name').fill('Morgan Lee');
    await page.getByLabel('Password').fill('short');
    await page.getByRole('button', { name: 'Create account' }).click();
    await screenshotBothThemes(page, '03-register-errors');
    await page.getByLabel('Username').fill(username);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByText('No conversations yet').waitFor();
    await screenshotBothThemes(page, '04-empty-state');

    // others write to me: DMs and a group, over REST
    const me = await page.evaluate(() => JSON.parse(localStorage.getItem('chat.session')).userId);
    const sam = await registerViaApi(unique('sam'), 'Sam Rivera');
    const kim = await registerViaApi(unique('kim'), 'Kim Park');
    const dm1 = await sam.api('/api/conversations/direct', { method: 'POST', body: { userId: me } });
    const dm2 = await kim.api('/api/conversations/direct', { method: 'POST', body: { userId: me } });
    const group = await sam.api('/api/conversations', {
      method: 'POST',
      body: { type: 'GROUP', title: 'Weekend hike', memberIds: [me, kim.userId] },
    });
    let n = 0;
    const say = (u, c, body) => u.api(`/api/conversations/${c.id}/messages`, { method: 'POST', body: { clientMessageId: `c-shot-${n++}-${unique('')}`, body } });
    await say(kim, dm2, 'Did you see the new release notes?');
    await say(sam, group, 'Who is in for Saturday?');
    await say(kim, group, 'Me! Leaving at 8?');
    await say(sam, dm1, 'Hey! Are we still on for lunch tomorrow?');
    await say(sam, dm1, 'I booked the place around the corner, 12:30.');
    const list = page.getByRole('list', { name: 'Conversations' });
    await list.getByRole('link', { name: /Sam Rivera/ }).waitFor();
    await list.getByRole('link', { name: /Weekend hike/ }).waitFor();
    await list.getByRole('link', { name: /Kim Park/ }).waitFor();
    await screenshotBothThemes(page, '05-conversation-list');

    await list.getByRole('link', { name: /Sam Rivera/ }).click();
    await messageWithText(page, 'I booked the place around the corner, 12:30.').waitFor();
    await sendMessage(page, 'Perfect, see you there!\nI will bring the tickets.');
    await page.locator('[data-testid="message"][data-status="sent"]', { hasText: 'Perfect' }).waitFor();
    await say(sam, dm1, 'Sounds great');
    await messageWithText(page, 'Sounds great').waitFor();
    await screenshotBothThemes(page, '06-conversation-view');

    await list.getByRole('link', { name: /Weekend hike/ }).click();
    await messageWithText(page, 'Me! Leaving at 8?').waitFor();
    await screenshotBothThemes(page, '07-group-conversation');

    await page.getByRole('button', { name: 'Members' }).click();
    const membersDialog = page.getByRole('dialog', { name: 'Members' });
    await membersDialog.getByRole('list', { name: 'Members' }).getByTestId('member').first().waitFor();
    await screenshotBothThemes(page, '07-members-dialog');
    await page.keyboard.press('Escape');
    await membersDialog.waitFor({ state: 'detached' });

    await page.getByRole('button', { name: 'New group' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'New group' });
    await dialog.getByRole('textbox', { name: 'Group name' }).fill('Book club');
    await dialog.getByRole('textbox', { name: 'Add people' }).fill(kim.username);
    await dialog.getByRole('button', { name: new RegExp(`@${kim.username}`) }).click();
    await dialog.getByRole('list', { name: 'Selected people' }).getByText('Kim Park').waitFor();
    await screenshotBothThemes(page, '08-new-group-dialog');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });

    // a message's menu (own message: edit, copy, delete)
    await list.getByRole('link', { name: /Sam Rivera/ }).click();
    const mine = page.locator('[data-testid="message"][data-status="sent"]', { hasText: 'Perfect' });
    await mine.hover();
    await mine.getByRole('button', { name: 'Message actions' }).click();
    await page.getByRole('menuitem', { name: 'Edit' }).waitFor();
    await screenshotBothThemes(page, '12-message-menu');
    await page.keyboard.press('Escape');

    // the public channel directory, and a channel's settings
    await sam.api('/api/conversations/channels', {
      method: 'POST',
      body: { name: 'Announcements', description: 'Company news, once a week', readOnly: true },
    });
    // other tests' channels may fill the first page of the directory: find ours by name
    const random = `Random ${unique('')}`;
    await sam.api('/api/conversations/channels', { method: 'POST', body: { name: random, description: 'Anything goes' } });
    await page.getByRole('button', { name: 'Channels' }).click();
    const browse = page.getByRole('dialog', { name: 'Browse channels' });
    await browse.getByRole('searchbox', { name: 'Search channels' }).fill(random);
    await browse.getByRole('button', { name: `Join ${random}` }).waitFor();
    await screenshotBothThemes(page, '13-channel-directory');
    await browse.getByRole('button', { name: `Join ${random}` }).click();
    await page.getByRole('heading', { name: `# ${random}` }).waitFor();
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByRole('dialog', { name: 'Channel settings' }).getByText('Notify me about').waitFor();
    await screenshotBothThemes(page, '14-channel-settings');
    await page.keyboard.press('Escape');

    // narrow screen: the list, then one conversation with a back button
    await signInWithTokens(narrow.page, await page.evaluate(() => {
      const s = JSON.parse(localStorage.getItem('chat.session'));
      return { accessToken: s.accessToken, refreshToken: s.refreshToken, expiresIn: Math.floor((s.expiresAt - Date.now()) / 1000), userId: s.userId };
    }));
    const nlist = narrow.page.getByRole('list', { name: 'Conversations' });
    await nlist.getByRole('link', { name: /Sam Rivera/ }).waitFor();
    await screenshotBothThemes(narrow.page, '09-narrow-list');
    await nlist.getByRole('link', { name: /Sam Rivera/ }).click();
    await messageWithText(narrow.page, 'Sounds great').waitFor();
    assert.equal(await nlist.isVisible(), false);
    await narrow.page.getByRole('link', { name: 'Back to conversations' }).waitFor();
    await screenshotBothThemes(narrow.page, '10-narrow-conversation');
    await narrow.page.getByRole('link', { name: 'Back to conversations' }).click();
    await nlist.waitFor();

    // offline banner
    await context.setOffline(true);
    await page.getByRole('status').filter({ hasText: /offline/i }).waitFor();
    await screenshotBothThemes(page, '11-offline-banner');
    await context.setOffline(false);
  } finally {
    await context.close();
    await narrow.context.close();
  }
});
