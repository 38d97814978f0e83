// Shared helpers of the end-to-end suite (node:test + playwright-core against a running stack).
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { after, before } from 'node:test';

const here = dirname(fileURLToPath(import.meta.url));
export const BASE_URL = (process.env.CHAT_BASE_URL || 'http://127.0.0.1:8080').replace(/\/$/, '');
export const SCREENSHOTS = process.env.CHAT_SCREENSHOTS || resolve(here, '..', 'target', 'screenshots');
export const PASSWORD = 'correct-horse-42';
export const TIMEOUT = Number(process.env.CHAT_E2E_TIMEOUT_MS || 20_000);

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** One browser for a test file: launched before its tests, closed after them. Returns a getter. */
export function browserPerFile() {
  let browser;
  before(async () => {
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
  });
  return () => browser;
}

export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
  });
}

export function unique(prefix = 'u') {
  return `${prefix}${Date.now().toString(36).slice(-5)}${Math.random().toString(36).slice(2, 7)}`;
}

/** Polls `fn` until it returns a truthy value (auto-waiting, like Playwright's expect). */
export async function poll(fn, { timeout = TIMEOUT, interval = 100, message = 'condition' } = {}) {
  const deadline = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      last = await fn();
      if (last) return last;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeout} ms waiting for ${message} (last: ${last})`);
    await new Promise((r) => setTimeout(r, interval));
  }
}

export async function waitForCount(locator, n, message) {
  return poll(async () => (await locator.count()) === n, { message: message ?? `count == ${n}` });
}

/** A fresh browser context (own storage) with one page. */
export async function newPage(browser, opts = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, ...opts });
  context.setDefaultTimeout(TIMEOUT);
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error(`[pageerror] ${e.message}`));
  return { context, page };
}

/** Registers through the sign-up form; ends signed in on the conversation list. */
export async function registerViaUi(page, username = unique(), displayName = `User ${username}`) {
  await page.goto(`${BASE_URL}/register`);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Display name').fill(displayName);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.getByRole('list', { name: 'Conversations' }).or(page.getByText('No conversations yet')).first().waitFor();
  return { username, displayName };
}

async function api(path, { method = 'GET', body, token } = {}) {
  const res = await fetch(`${BASE_URL}${path}`, {
    method,
    headers: {
      ...(body ? { 'content-type': 'application/json' } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path} -> ${res.status} ${text}`);
  return text ? JSON.parse(text) : undefined;
}

/** Registers and signs in over REST: { userId, username, displayName, tokens }. */
export async function registerViaApi(username = unique(), displayName = `User ${username}`) {
  const user = await api('/api/auth/register', { method: 'POST', body: { username, password: PASSWORD, displayName } });
  const tokens = await api('/api/auth/login', { method: 'POST', body: { username, password: PASSWORD } });
  return { ...user, tokens, api: (path, opts = {}) => api(path, { ...opts, token: tokens.accessToken }) };
}

/** Signs a page in with tokens obtained over REST (stored as the app stores them). */
export async function signInWithTokens(page, tokens) {
  await page.goto(`${BASE_URL}/login`);
  await page.evaluate((t) => {
    localStorage.setItem(
      'chat.session',
      JSON.stringify({ accessToken: t.accessToken, refreshToken: t.refreshToken, expiresAt: Date.now() + t.expiresIn * 1000, userId: t.userId }),
    );
  }, tokens);
  await page.goto(`${BASE_URL}/`);
}

/**
 * Alice and Bob, each signed up in a browser context of their own, Bob's socket connected, Alice in their DM:
 * { a, b, alice, bob, close }.
 */
export async function aliceAndBobInADm(browserInstance) {
  const a = await newPage(browserInstance);
  const b = await newPage(browserInstance);
  const close = async () => {
    await a.context.close();
    await b.context.close();
  };
  try {
    const alice = await registerViaUi(a.page, unique('a'), `Alice ${unique('')}`);
    const bob = await registerViaUi(b.page, unique('b'), `Bob ${unique('')}`);
    await b.page.locator('[data-connection="connected"]').waitFor();
    await openDmFromUi(a.page, bob.username);
    return { a, b, alice, bob, close };
  } catch (e) {
    await close();
    throw e;
  }
}

/** Opens (or creates) the DM with `username` from the "New message" dialog. */
export async function openDmFromUi(page, username) {
  await page.getByRole('button', { name: 'New message' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'New message' });
  await dialog.getByRole('textbox', { name: 'Search people' }).fill(username);
  await dialog.getByRole('button', { name: new RegExp(`@${username}`) }).click();
  await dialog.waitFor({ state: 'detached' });
  await page.getByRole('textbox', { name: 'Message' }).waitFor();
}

export async function sendMessage(page, text) {
  const box = page.getByRole('textbox', { name: 'Message' });
  await box.fill(text);
  await box.press('Enter');
}

/** Message bodies in the open conversation, in screen order (rendered rows only). */
export function messageBodies(page) {
  return page.locator('[data-testid="message"] [data-testid="message-body"]').allTextContents();
}

export function messageWithText(page, text) {
  return page.getByRole('region', { name: 'Messages' }).locator('[data-testid="message"]', { hasText: text });
}

export async function screenshot(page, name) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
}

/** Screenshots the current screen in the light and the dark theme (following the system setting). */
export async function screenshotBothThemes(page, name) {
  for (const theme of ['light', 'dark']) {
    await page.emulateMedia({ colorScheme: theme, reducedMotion: 'reduce' });
    await page.waitForFunction((dark) => document.documentElement.classList.contains('dark') === dark, theme === 'dark');
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    await screenshot(page, `${name}-${theme}`);
  }
  await page.emulateMedia({ colorScheme: 'light' });
}
