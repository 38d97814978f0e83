#!/usr/bin/env node
// Scroll performance of the message list (not part of `npm run e2e`).
//   CHAT_BASE_URL=http://127.0.0.1:8080 node e2e/perf-scroll.mjs
// Registers two users, seeds one conversation with PERF_MESSAGES (10,000) messages over REST
// (PERF_CONCURRENCY = 8 in flight, unique clientMessageIds), opens it in Chromium, scrolls from the latest
// message to the very first (through infinite loading) and back, timing every requestAnimationFrame, and
// prints frame-time p50/p95/p99, dropped frames (> 16.7 ms) and the first-load compressed JS size.
import { gzipSync } from 'node:zlib';
import { BASE_URL, launch, newPage, registerViaApi, signInWithTokens, unique } from './helpers.mjs';

const TOTAL = Number(process.env.PERF_MESSAGES || 10_000);
const CONCURRENCY = Number(process.env.PERF_CONCURRENCY || 8);
const STEP_PX = Number(process.env.PERF_STEP_PX || 240);
const DEADLINE_MS = Number(process.env.PERF_DEADLINE_MS || 8 * 60_000);
const started = Date.now();

function checkDeadline(what) {
  if (Date.now() - started > DEADLINE_MS) throw new Error(`perf-scroll: over ${DEADLINE_MS} ms (${what})`);
}

const words = 'lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt ut labore et dolore magna aliqua'.split(' ');
function body(i) {
  const n = 2 + ((i * 7919) % 37); // 2..38 words: one to three lines
  const out = [];
  for (let k = 0; k < n; k++) out.push(words[(i + k * 13) % words.length]);
  return `#${i} ${out.join(' ')}`;
}

async function seed(a, b, conversationId) {
  let next = 0;
  let done = 0;
  const runId = unique('');
  const t0 = Date.now();
  async function worker() {
    for (;;) {
      const i = next++;
      if (i >= TOTAL) return;
      const sender = Math.floor(i / 4) % 2 === 0 ? a : b; // runs of 4 per sender
      for (let attempt = 0; ; attempt++) {
        try {
          await sender.api(`/api/conversations/${conversationId}/messages`, {
            method: 'POST',
            body: { clientMessageId: `c-perf-${runId}-${i}`, body: body(i) },
          });
          break;
        } catch (e) {
          if (attempt >= 5) throw e;
          await new Promise((r) => setTimeout(r, 200 * 2 ** attempt)); // 429/503: same id again (idempotent)
        }
      }
      if (++done % 1000 === 0) process.stdout.write(`  seeded ${done}/${TOTAL} (${((Date.now() - t0) / 1000).toFixed(1)} s)\n`);
      checkDeadline('seeding');
    }
  }
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return (Date.now() - t0) / 1000;
}

function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function firstLoadJs() {
  const html = await (await fetch(`${BASE_URL}/`)).text();
  const srcs = new Set();
  for (const m of html.matchAll(/<script\b[^>]*\bsrc=["']([^"']+\.js)["']/g)) srcs.add(m[1]);
  for (const m of html.matchAll(/<link\b[^>]*rel=["']modulepreload["'][^>]*href=["']([^"']+)["']/g)) srcs.add(m[1]);
  let raw = 0;
  let gz = 0;
  for (const src of srcs) {
    const buf = Buffer.from(await (await fetch(new URL(src, `${BASE_URL}/`))).arrayBuffer());
    raw += buf.length;
    gz += gzipSync(buf, { level: 9 }).length;
  }
  return { files: srcs.size, raw, gz };
}

async function main() {
  console.log(`perf-scroll against ${BASE_URL}: ${TOTAL} messages, concurrency ${CONCURRENCY}`);
  const a = await registerViaApi(unique('perfa'), 'Perf Alice');
  const b = await registerViaApi(unique('perfb'), 'Perf Bob');
  const conversation = await a.api('/api/conversations/direct', { method: 'POST', body: { userId: b.userId } });
  const seedSeconds = await seed(a, b, conversation.id);
  console.log(`seeded ${TOTAL} messages in ${seedSeconds.toFixed(1)} s (${(TOTAL / seedSeconds).toFixed(0)}/s)`);

  const browser = await launch();
  try {
    const { page } = await newPage(browser, { viewport: { width: 1280, height: 800 } });
    await signInWithTokens(page, a.tokens);
    const t0 = Date.now();
    await page.goto(`${BASE_URL}/c/${conversation.id}`);
    await page.locator('[data-testid="message"]', { hasText: `#${TOTAL - 1} ` }).waitFor({ timeout: 60_000 });
    console.log(`opened the conversation, latest message visible after ${Date.now() - t0} ms`);

    // One run in the page: scroll up STEP px per frame until the first message is loaded and shown, then
    // back down to the end; every frame's duration is recorded.
    const result = await page.evaluate(
      async ({ step, deadline, first }) => {
        const el = document.querySelector('[role="region"][aria-label="Messages"]');
        const frames = [];
        let last = performance.now();
        let phase = 'up';
        let upFrames = 0;
        let maxRows = 0;
        const begin = performance.now();
        await new Promise((resolve) => {
          const tick = (now) => {
            frames.push(now - last);
            last = now;
            maxRows = Math.max(maxRows, el.querySelectorAll('[data-index]').length);
            if (now - begin > deadline) return resolve();
            if (phase === 'up') {
              el.scrollTop = Math.max(0, el.scrollTop - step);
              const reachedStart = !!el.querySelector(`[data-seq="${first}"]`) && el.scrollTop === 0;
              if (reachedStart) {
                phase = 'down';
                upFrames = frames.length;
              }
            } else {
              el.scrollTop = el.scrollTop + step;
              if (el.scrollTop + el.clientHeight >= el.scrollHeight - 2) return resolve();
            }
            requestAnimationFrame(tick);
          };
          requestAnimationFrame(tick);
        });
        frames.shift(); // the first delta is not a frame of the run
        return {
          frames,
          upFrames,
          phase,
          maxRows,
          ms: performance.now() - begin,
          rendered: el.querySelectorAll('[data-testid="message"]').length,
          heapMb: performance.memory ? performance.memory.usedJSHeapSize / 1e6 : null,
        };
      },
      { step: STEP_PX, deadline: Math.max(30_000, DEADLINE_MS - (Date.now() - started) - 30_000), first: 1 },
    );
    if (result.phase !== 'down') throw new Error('did not reach the first message in time');
    const sorted = [...result.frames].sort((x, y) => x - y);
    const dropped = result.frames.filter((f) => f > 16.7).length;
    const missed = result.frames.filter((f) => f > 25).length; // a whole vsync missed (16.7 ms +- timer jitter is not)
    const js = await firstLoadJs();
    console.log('');
    console.log(`scrolled ${TOTAL} messages top and back in ${(result.ms / 1000).toFixed(1)} s, ${result.frames.length} frames (${result.upFrames} up)`);
    console.log(`frame time p50 ${percentile(sorted, 50).toFixed(1)} ms, p95 ${percentile(sorted, 95).toFixed(1)} ms, p99 ${percentile(sorted, 99).toFixed(1)} ms, max ${sorted.at(-1).toFixed(1)} ms`);
    console.log(`dropped frames (> 16.7 ms): ${dropped} of ${result.frames.length} (${((100 * dropped) / result.frames.length).toFixed(1)} %)`);
    console.log(`missed frames (> 25 ms, i.e. at least one vsync skipped): ${missed} (${((100 * missed) / result.frames.length).toFixed(1)} %)`);
    console.log(`rows in the DOM at most: ${result.maxRows}; JS heap ${result.heapMb ? `${result.heapMb.toFixed(0)} MB` : 'n/a'}`);
    console.log(`first-load JS: ${(js.gz / 1024).toFixed(1)} KB gzip (${(js.raw / 1024).toFixed(1)} KB raw, ${js.files} file(s))`);
  } finally {
    await browser.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
