// Channels, invitations and moderation through the UI of three independent browser contexts.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  BASE_URL, browserPerFile, messageWithText, newPage, poll, registerViaApi, sendMessage, signInWithTokens, unique, waitForCount,
} from './helpers.mjs';

const browser = browserPerFile();

async function signedIn(user) {
  const p = await newPage(browser());
  await signInWithTokens(p.page, user.tokens);
  await p.page.getByRole('button', { name: 'Channels' }).waitFor();
  return p;
}

function conversationIdOf(page) {
  const m = /\/c\/([^/]+)$/.exec(new URL(page.url()).pathname);
  assert.ok(m, `not on a conversation: ${page.url()}`);
  return decodeURIComponent(m[1]);
}

test('a channel: created, found and joined, joined by link; a promoted member kicks another, who loses it live', async () => {
  const [olga, pete, tom] = await Promise.all(
    ['olga', 'pete', 'tom'].map((n) => registerViaApi(unique(n), `${n[0].toUpperCase()}${n.slice(1)} ${unique('')}`)),
  );
  const pages = [];
  try {
    for (const u of [olga, pete, tom]) pages.push(await signedIn(u));
    const [po, pp, pt] = pages.map((p) => p.page);
    const name = `plans-${unique('')}`;

    // Olga creates a public channel.
    await po.getByRole('button', { name: 'Channels' }).click();
    await po.getByRole('dialog', { name: 'Browse channels' }).getByRole('button', { name: 'New channel' }).click();
    const create = po.getByRole('dialog', { name: 'New channel' });
    await create.getByRole('textbox', { name: 'Channel name' }).fill(name);
    await create.getByRole('button', { name: 'Create channel' }).click();
    await create.waitFor({ state: 'detached' });
    await po.getByRole('heading', { name: `# ${name}` }).waitFor();
    const channelId = conversationIdOf(po);

    // Pete finds it in the directory and joins.
    await pp.getByRole('button', { name: 'Channels' }).click();
    const browse = pp.getByRole('dialog', { name: 'Browse channels' });
    await browse.getByRole('searchbox', { name: 'Search channels' }).fill(name);
    await browse.getByRole('button', { name: `Join ${name}` }).click();
    await pp.getByRole('heading', { name: `# ${name}` }).waitFor();
    await pp.getByTestId('conversation-subtitle').getByText('2 members').waitFor();

    // Tom joins by an invite link Olga made.
    await po.getByRole('button', { name: 'Invite people' }).click();
    const invite = po.getByRole('dialog', { name: 'Invite people' });
    await invite.getByRole('button', { name: 'Create link' }).click();
    const code = await invite.getByTestId('invite-link').first().locator('code').getAttribute('data-code');
    assert.ok(code);
    await po.keyboard.press('Escape');
    await pt.goto(`${BASE_URL}/join/${code}`);
    await pt.getByRole('heading', { name: `# ${name}` }).waitFor();
    await pt.getByRole('button', { name: 'Join', exact: true }).click();
    await pt.waitForURL(/\/c\//);
    await pt.getByRole('textbox', { name: 'Message' }).waitFor();
    assert.equal(conversationIdOf(pt), channelId);

    // Tom speaks; the others see it live, with his name.
    await sendMessage(pt, 'Hello from Tom');
    for (const page of [po, pp]) {
      await messageWithText(page, 'Hello from Tom').waitFor();
      await page.getByRole('region', { name: 'Messages' }).getByText(tom.displayName, { exact: true }).first().waitFor();
    }

    // Olga makes Pete an admin.
    await po.getByRole('button', { name: 'Members' }).click();
    const members = po.getByRole('dialog', { name: 'Members' });
    await waitForCount(members.getByRole('list', { name: 'Members' }).getByTestId('member'), 3);
    await members.getByRole('button', { name: `Actions for ${pete.displayName}` }).click();
    await po.getByRole('menuitem', { name: 'Make admin' }).click();
    await members.getByTestId('member').filter({ hasText: pete.displayName }).getByText('Admin').waitFor();
    await po.keyboard.press('Escape');

    // Pete, now an admin (his dialog follows the role_changed push), removes Tom.
    await pp.getByRole('button', { name: 'Members' }).click();
    const peteMembers = pp.getByRole('dialog', { name: 'Members' });
    await peteMembers.getByTestId('member').filter({ hasText: pete.displayName }).getByText('Admin').waitFor();
    await peteMembers.getByRole('button', { name: `Actions for ${tom.displayName}` }).click();
    await pp.getByRole('menuitem', { name: 'Remove from channel' }).click();
    await waitForCount(peteMembers.getByRole('list', { name: 'Members' }).getByTestId('member'), 2);

    // Tom's view follows at once: the channel leaves his list and his open view, and he can no longer post.
    await waitForCount(pt.getByRole('list', { name: 'Conversations' }).getByRole('link', { name: new RegExp(name) }), 0);
    await pt.getByRole('status').getByText('You are no longer a member of that conversation.').waitFor();
    assert.equal(new URL(pt.url()).pathname, '/');
    await poll(async () => {
      try {
        await tom.api(`/api/conversations/${channelId}/messages`, {
          method: 'POST',
          body: { clientMessageId: unique('c'), body: 'still here?' },
        });
        return false;
      } catch (e) {
        return /-> 404/.test(String(e));
      }
    }, { message: 'a removed member cannot post' });
  } finally {
    for (const p of pages) await p.context.close();
  }
});

test('invitations: the invitee sees it live and accepts; an announcement channel is read-only for members', async () => {
  const [ola, ivy] = await Promise.all(['ola', 'ivy'].map((n) => registerViaApi(unique(n), `${n} ${unique('')}`)));
  const channel = await ola.api('/api/conversations/channels', {
    method: 'POST',
    body: { name: `news-${unique('')}`, visibility: 'PRIVATE', readOnly: true },
  });
  const p = await signedIn(ivy);
  try {
    const page = p.page;
    // invite once the socket is up, so the push is what shows it (a list fetched earlier would not)
    await page.locator('[data-connection="connected"]').waitFor({ state: 'attached' });
    await ola.api(`/api/conversations/${channel.id}/invitations`, { method: 'POST', body: { userIds: [ivy.userId] } });
    const invitation = page.getByRole('region', { name: 'Invitations' }).getByTestId('invitation');
    await invitation.filter({ hasText: channel.title }).waitFor();
    await page.getByRole('button', { name: `Accept ${channel.title}` }).click();
    await page.getByRole('heading', { name: `# ${channel.title}` }).waitFor();
    await waitForCount(invitation, 0);
    await page.getByTestId('posting-closed').getByText('Only the owner and admins post in this channel.').waitFor();
    assert.equal(await page.getByRole('textbox', { name: 'Message' }).count(), 0);

    // The owner posts; the member reads it live.
    await ola.api(`/api/conversations/${channel.id}/messages`, {
      method: 'POST',
      body: { clientMessageId: unique('c'), body: 'Release on Friday' },
    });
    await messageWithText(page, 'Release on Friday').waitFor();
  } finally {
    await p.context.close();
  }
});
