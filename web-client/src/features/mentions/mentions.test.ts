import { describe, expect, it } from 'vitest';
import { insertMention, mentionQuery, splitMentions, suggestions } from './mentions.ts';

describe('mentions', () => {
  it('finds the token being typed at the caret, not an address', () => {
    expect(mentionQuery('hi @an', 6)).toEqual({ start: 3, query: 'an' });
    expect(mentionQuery('@', 1)).toEqual({ start: 0, query: '' });
    expect(mentionQuery('mail ann@ex', 11)).toBeNull();
    expect(mentionQuery('hi @ann there', 13)).toBeNull();
  });

  it('suggests members by username prefix first, then display name, never me', () => {
    const members = [
      { userId: '1', username: 'annie', displayName: 'Zed Ann' },
      { userId: '2', username: 'bob', displayName: 'Ann Bob' },
      { userId: '3', username: 'ann', displayName: 'Me' },
      { userId: '4', username: 'carol', displayName: 'Carol' },
    ];
    expect(suggestions(members, 'an', '3').map((m) => m.username)).toEqual(['annie', 'bob']);
    expect(suggestions(members, '', '3').map((m) => m.username)).toEqual(['annie', 'bob', 'carol']);
  });

  it('inserts the picked username with a space and puts the caret after it', () => {
    expect(insertMention('hi @an and', 3, 6, 'annie')).toEqual({ text: 'hi @annie and', caret: 10 });
    expect(insertMention('@bo', 0, 3, 'bob')).toEqual({ text: '@bob ', caret: 5 });
  });

  it('splits a body into text and the mentions of the mentioned users only', () => {
    const mentioned = new Map([['ann', 'u1']]);
    expect(splitMentions('hi @Ann. and @bob, mail x@ann.com', mentioned)).toEqual([
      { kind: 'text', text: 'hi ' },
      { kind: 'mention', text: '@Ann', userId: 'u1' },
      { kind: 'text', text: '. and @bob, mail x@ann.com' },
    ]);
    expect(splitMentions('plain', mentioned)).toEqual([{ kind: 'text', text: 'plain' }]);
  });
});
