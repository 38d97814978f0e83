// Real-time chat between fresh users, through the UI of two or three independent browser contexts.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  browserPerFile, messageBodies, messageWithText, newPage, openDmFromUi, poll, registerViaUi, sendMessage, unique, waitForCount,
} from './helpers.mjs';

const browser = browserPerFile();

test('two users: search, open a DM, chat both ways in real time', async () => {
  const a = await newPage(browser());
  const b = await newPage(browser());
  try {
    const alice = await registerViaUi(a.page, unique('a'), `Alice ${unique('')}`);
    const bob = await registerViaUi(b.page, unique('b'), `Bob ${unique('')}`);

    await openDmFromUi(a.page, bob.username);
    await a.page.getByRole('heading', { name: bob.displayName }).waitFor();
    await sendMessage(a.page, 'Hi Bob, it is Alice');

    // Bob's list gets the new conversation live, with an unread count
    const item = b.page.getByRole('list', { name: 'Conversations' }).getByRole('link', { name: new RegExp(alice.displayName) });
    await item.waitFor();
    await poll(async () => (await item.getAttribute('data-unread')) === '1', { message: 'unread count 1' });
    await item.click();
    await messageWithText(b.page, 'Hi Bob, it is Alice').waitFor();
    await poll(async () => (await item.getAttribute('data-unread')) === null, { message: 'unread cleared' });

    await sendMessage(b.page, 'Hey Alice!');
    await messageWithText(a.page, 'Hey Alice!').waitFor();
    await sendMessage(a.page, 'How are you?');
    await messageWithText(b.page, 'How are you?').waitFor();

    // my messages end confirmed; both sides show the same order, once each
    await a.page.locator('[data-testid="message"][data-status="sent"]', { hasText: 'How are you?' }).waitFor();
    for (const page of [a.page, b.page]) {
      await poll(async () => (await messageBodies(page)).length === 3, { message: '3 messages' });
      assert.deepEqual(await messageBodies(page), ['Hi Bob, it is Alice', 'Hey Alice!', 'How are you?']);
    }
    // Alice's polite live region announced Bob's message
    await poll(async () => (await a.page.getByTestId('announcer').textContent()).includes('Hey Alice!'), { message: 'announcement' });
  } finally {
    await a.context.close();
    await b.context.close();
  }
});

test('a group of three created from the UI: it and its messages reach both others live', async () => {
  const users = [];
  const pages = [];
  try {
    for (const name of ['Ann', 'Ben', 'Cat']) {
      const p = await newPage(browser());
      pages.push(p);
      users.push(await registerViaUi(p.page, unique(name.toLowerCase()), `${name} ${unique('')}`));
    }
    const [ann, ben, cat] = users;
    const [pa, pb, pc] = pages.map((p) => p.page);
    const title = `Trip ${unique('')}`;

    await pa.getByRole('button', { name: 'New group' }).first().click();
    const dialog = pa.getByRole('dialog', { name: 'New group' });
    await dialog.getByRole('textbox', { name: 'Group name' }).fill(title);
    for (const u of [ben, cat]) {
      await dialog.getByRole('textbox', { name: 'Add people' }).fill(u.username);
      await dialog.getByRole('button', { name: new RegExp(`@${u.username}`) }).click();
      await dialog.getByRole('list', { name: 'Selected people' }).getByText(u.displayName).waitFor();
    }
    await dialog.getByRole('button', { name: 'Create group' }).click();
    await dialog.waitFor({ state: 'detached' });
    await pa.getByRole('heading', { name: title }).waitFor();
    await pa.getByTestId('conversation-subtitle').getByText('3 members').waitFor();
    // The group shows up in the others' lists before anything is said in it: a conversation.changed push
    // (the periodic list refresh is 60 s, past this wait's timeout).
    for (const page of [pb, pc]) {
      await page.getByRole('list', { name: 'Conversations' }).getByRole('link', { name: new RegExp(title) }).waitFor();
    }

    await sendMessage(pa, 'Hello group!');
    for (const page of [pb, pc]) {
      const item = page.getByRole('list', { name: 'Conversations' }).getByRole('link', { name: new RegExp(title) });
      await item.waitFor();
      await item.click();
      await messageWithText(page, 'Hello group!').waitFor();
    }
    // a reply from Cat reaches Ann and Ben live, with Cat's name on it
    await sendMessage(pc, 'Hi from Cat');
    for (const page of [pa, pb]) {
      await messageWithText(page, 'Hi from Cat').waitFor();
      await waitForCount(messageWithText(page, 'Hi from Cat'), 1);
      await page.getByRole('region', { name: 'Messages' }).getByText(cat.displayName, { exact: true }).first().waitFor();
    }
    assert.ok(ann);

    // The owner makes Ben an admin and removes Cat: Cat's list drops the group live, Ben sees the new role.
    await pa.getByRole('button', { name: 'Members' }).click();
    const members = pa.getByRole('dialog', { name: 'Members' });
    const list = members.getByRole('list', { name: 'Members' });
    await waitForCount(list.getByTestId('member'), 3);
    await members.getByRole('button', { name: `Actions for ${ben.displayName}` }).click();
    await pa.getByRole('menuitem', { name: 'Make admin' }).click();
    await list.getByTestId('member').filter({ hasText: ben.displayName }).getByText('Admin').waitFor();
    await members.getByRole('button', { name: `Actions for ${cat.displayName}` }).click();
    await pa.getByRole('menuitem', { name: 'Remove from group' }).click();
    await waitForCount(list.getByTestId('member'), 2);
    // Muting Ben shows on his row, and the moderation log tells what the owner did, newest first.
    await members.getByRole('button', { name: `Actions for ${ben.displayName}` }).click();
    await pa.getByRole('menuitem', { name: 'Mute…' }).click();
    const muteDialog = pa.getByRole('dialog', { name: `Mute ${ben.displayName}` });
    await muteDialog.getByRole('textbox', { name: 'Reason (optional)' }).fill('too loud');
    await muteDialog.getByRole('button', { name: 'Mute', exact: true }).click();
    await muteDialog.waitFor({ state: 'detached' });
    await list.getByTestId('member').filter({ hasText: ben.displayName }).getByText('Muted').waitFor();
    await members.getByText('Moderation log').click();
    const log = members.getByRole('list', { name: 'Moderation log' }).getByRole('listitem');
    await waitForCount(log, 3);
    assert.match(await log.nth(0).innerText(), new RegExp(`^${ann.displayName} muted ${ben.displayName}`));
    assert.match(await log.nth(1).innerText(), new RegExp(`^${ann.displayName} removed a former member`));
    assert.match(await log.nth(2).innerText(), new RegExp(`^${ann.displayName} made admin ${ben.displayName}`));
    await pa.keyboard.press('Escape');
    await pa.getByTestId('conversation-subtitle').getByText('2 members').waitFor();
    await waitForCount(pc.getByRole('list', { name: 'Conversations' }).getByRole('link', { name: new RegExp(title) }), 0);

    // Ben, an admin now, sees the actions an admin has: none on the owner.
    await pb.getByRole('button', { name: 'Members' }).click();
    const benMembers = pb.getByRole('dialog', { name: 'Members' });
    await benMembers.getByRole('list', { name: 'Members' }).getByTestId('member').filter({ hasText: ben.displayName }).getByText('Admin').waitFor();
    assert.equal(await benMembers.getByRole('button', { name: `Actions for ${ann.displayName}` }).count(), 0);
  } finally {
    for (const p of pages) await p.context.close();
  }
});
