import { describe, expect, it } from 'vitest';
import { ValidationError } from './errors.ts';
import { toMention } from './mention.ts';

const now = Date.parse('2026-03-02T15:00:00Z');
const opts = { now, maxTextLength: 1000 };

describe('toMention', () => {
  it('maps the interchange shape, prefixes the id with the source and keeps unknown fields', () => {
    const m = toMention({
      source: 'reddit', id: 't3_abc', text: 'Hallo', publishedAt: '2026-03-02T14:05:31Z', url: 'https://r/x', title: 'T',
      language: 'DE', author: { id: 'u1', name: 'anna', followers: '1234' }, engagement: { likes: 3 }, rating: 4, parentId: 't3_p',
      subreddit: 'de', country: 'de',
    }, opts);
    expect(m).toMatchObject({
      id: 'reddit:t3_abc', nativeId: 't3_abc', language: 'de', languageFromSource: true, publishedAt: Date.parse('2026-03-02T14:05:31Z'),
      collectedAt: now, author: { id: 'u1', name: 'anna', followers: 1234 }, engagement: { likes: 3, shares: 0, replies: 0 },
      rating: 4, parentId: 't3_p', country: 'DE', raw: { subreddit: 'de' },
    });
    expect(toMention({ source: 'reddit', id: 'reddit:x', text: 'a', publishedAt: '2026-03-02T14:05:31Z' }, opts).id).toBe('reddit:x');
  });

  it.each([
    [{ id: '1', text: 'a', publishedAt: '2026-03-02T14:05:31Z' }, /^source: is required/],
    [{ source: 'x', text: 'a', publishedAt: '2026-03-02T14:05:31Z' }, /^id: is required/],
    [{ source: 'x', id: '1', publishedAt: '2026-03-02T14:05:31Z' }, /^text: is required/],
    [{ source: 'x', id: '1', text: 'a' }, /^publishedAt: is required/],
    [{ source: 'x', id: '1', text: 'a', publishedAt: 'soon' }, /^publishedAt: "soon" is not a date; use ISO 8601/],
    [{ source: 'x', id: '1', text: 'a', publishedAt: '2026-03-02', author: 'bob' }, /^author: must be an object/],
    [{ source: 'x', id: '1', text: 'a', publishedAt: '2026-03-02', engagement: { likes: -1 } }, /^engagement\.likes: must not be negative/],
    [{ source: 'x', id: '1', text: { a: 1 }, publishedAt: '2026-03-02' }, /^text: must be a string/],
    [{ source: 'bad source!', id: '1', text: 'a', publishedAt: '2026-03-02' }, /^source: must be a short name/],
    [[1, 2], /expected a JSON object|must be an object/],
  ])('rejects %j naming the field', (input, message) => {
    expect(() => toMention(input, opts)).toThrow(ValidationError);
    expect(() => toMention(input, opts)).toThrow(message);
  });

  it('in lenient mode (classify) needs only text', () => {
    const m = toMention({ text: 'nur Text' }, { ...opts, lenient: true, fallbackId: 'line-7' });
    expect(m).toMatchObject({ id: 'unknown:line-7', publishedAt: now, language: 'und', languageFromSource: false });
  });
});
