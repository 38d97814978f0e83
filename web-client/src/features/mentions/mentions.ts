/**
 * @username mentions in the client: which token is being typed (for the picker), what picking a member writes,
 * and how a body splits into text and mentions for display. The server decides who a message mentions
 * (message.mentions); the client only shows the tokens of those users as mentions.
 */
import type { UUID } from '../../api/types.ts';

export interface Mentionable {
  userId: UUID;
  username: string;
  displayName: string | null;
}

/** The '@' token ending at the caret, if the caret is in one: where it starts and what follows the '@'. */
export function mentionQuery(text: string, caret: number): { start: number; query: string } | null {
  const before = text.slice(0, caret);
  const m = /(^|[^\p{L}\p{N}_.@-])@([A-Za-z0-9_.-]{0,32})$/u.exec(before);
  if (!m) return null;
  return { start: before.length - m[2]!.length - 1, query: m[2]! };
}

/** Members matching a query, best first: username prefix, then a word of the display name; at most `limit`. */
export function suggestions(members: readonly Mentionable[], query: string, me: UUID, limit = 6): Mentionable[] {
  const q = query.toLowerCase();
  const scored: { m: Mentionable; score: number }[] = [];
  for (const m of members) {
    if (m.userId === me) continue;
    const user = m.username.toLowerCase();
    const words = (m.displayName ?? '').toLowerCase().split(/\s+/);
    const score = user.startsWith(q) ? 0 : words.some((w) => w.startsWith(q)) ? 1 : user.includes(q) ? 2 : -1;
    if (score >= 0) scored.push({ m, score });
  }
  scored.sort((a, b) => a.score - b.score || a.m.username.localeCompare(b.m.username));
  return scored.slice(0, limit).map((s) => s.m);
}

/** The text with the token at `start..caret` replaced by `@username `, and where the caret goes. */
export function insertMention(text: string, start: number, caret: number, username: string): { text: string; caret: number } {
  const inserted = `@${username} `;
  const after = text.slice(caret).replace(/^[A-Za-z0-9_.-]*/, '').replace(/^ /, '');
  return { text: text.slice(0, start) + inserted + after, caret: start + inserted.length };
}

export type BodyPart = { kind: 'text'; text: string } | { kind: 'mention'; text: string; userId: UUID };

/** Splits a body into text and the mentions of the given users (by username, whatever its case). */
export function splitMentions(body: string, mentioned: ReadonlyMap<string, UUID>): BodyPart[] {
  if (mentioned.size === 0 || !body.includes('@')) return [{ kind: 'text', text: body }];
  const parts: BodyPart[] = [];
  const re = /(^|[^\p{L}\p{N}_.@-])@([A-Za-z0-9_.-]{3,32})/gu;
  let last = 0;
  for (let m = re.exec(body); m; m = re.exec(body)) {
    const name = m[2]!.replace(/[.-]+$/, '');
    const userId = mentioned.get(name.toLowerCase());
    if (!userId) continue;
    const start = m.index + m[1]!.length;
    if (start > last) parts.push({ kind: 'text', text: body.slice(last, start) });
    parts.push({ kind: 'mention', text: `@${name}`, userId });
    last = start + 1 + name.length;
    re.lastIndex = last;
  }
  if (last < body.length) parts.push({ kind: 'text', text: body.slice(last) });
  return parts;
}
