import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toMention } from '../../core/mention.ts';
import { itemToMention, parseFeed } from './map.ts';

const NOW = Date.parse('2026-03-02T16:00:00Z');
const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const field = fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.constantFrom('', '&amp;', '&nbsp;', '<b>x</b>', '😀', '\u0000', 'Mon, 02 Mar 2026 14:05:31 GMT', 'not a date'));
const tag = fc.constantFrom('title', 'link', 'guid', 'description', 'pubDate', 'author', 'category', 'dc:creator', 'content:encoded', 'unknown');
const item = fc.array(fc.tuple(tag, field, fc.boolean()), { maxLength: 8 }).map((fields) =>
  `<item>${fields.map(([t, v, cdata]) => `<${t}>${cdata ? `<![CDATA[${v.replace(/]]>/g, '')}]]>` : escape(v)}</${t}>`).join('')}</item>`,
);

describe('rss map, fuzzed', () => {
  it('any item inside a feed is either a valid mention or a reject with a reason; the feed never fails', () => {
    fc.assert(
      fc.property(fc.array(item, { maxLength: 6 }), (items) => {
        const xml = `<?xml version="1.0"?><rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>f</title>${items.join('')}</channel></rss>`;
        const feed = parseFeed(xml);
        expect(feed.items.length + feed.rejects.length).toBe(items.length);
        for (const r of feed.rejects) expect(r.reason.length).toBeGreaterThan(0);
        for (const i of feed.items) toMention(itemToMention(i, { title: feed.title, url: 'https://f.example/rss' }, 'news', NOW), { now: NOW, maxTextLength: 100_000 });
      }),
      { numRuns: 300 },
    );
  });

  it('arbitrary documents are parsed or refused with an Error, never anything worse', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }).map((s) => `<rss><channel>${s}</channel></rss>`), fc.string().map((s) => `<feed>${s}`)), (doc) => {
        try {
          parseFeed(doc);
        } catch (err) {
          expect(err).toBeInstanceOf(Error);
        }
      }),
      { numRuns: 300 },
    );
  });
});
