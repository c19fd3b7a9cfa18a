import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { toMention } from '../../core/mention.ts';
import { decodeXml, itemToMention, parseFeed, type FeedItem } from './map.ts';

const fixture = (name: string) => readFileSync(join(import.meta.dirname, 'fixtures', name));
const NOW = Date.parse('2026-03-02T16:00:00Z');

/** Fixture → the items expected from it (subset of fields; `text` may be a RegExp). */
const cases: Array<{ file: string; contentType?: string; title: string; language?: string; rejects: number; items: Array<Partial<Record<keyof FeedItem, unknown>>> }> = [
  {
    file: 'rss2.xml',
    title: 'Tech & Trends News',
    language: 'en',
    rejects: 1, // the empty <item/>
    items: [
      // HTML escaped inside the description: tags and <script> gone, &amp;nbsp; decoded.
      { id: 'https://news.example.com/2026/03/acme-recall', title: 'Acme recalls faulty chargers', text: 'Acme Corp. said on Monday it would recall & replace 40\u00a0000 chargers.'.replace('\u00a0', ' '), author: 'Jane Doe', publishedAt: Date.parse('2026-03-02T14:05:31Z'), categories: ['Business', 'Recalls'] },
      // CDATA, emoji, content:encoded preferred over description, named entities.
      { id: 'review-4711', title: 'Review: the Acme phone "X" — 5 things we love 😍', text: 'Verdict\nThe Acme X is great — battery life > 2 days, café-proof.', author: 'Max Müller', publishedAt: Date.parse('2026-03-02T11:00:00Z') },
      // No date, no link: kept, dated when collected.
      { id: 'no-date-1', url: '', publishedAt: undefined },
      // Neither guid, link nor title: the content is the identity.
      { id: /^sha1:[0-9a-f]{40}$/, title: '', text: 'Neither title nor guid nor link, only text: the content is its identity.' },
      { id: 'https://news.example.com/2025/01/old', text: 'Old news from last year' },
    ],
  },
  {
    file: 'atom.xml',
    title: 'Blog über Acme',
    language: 'de',
    rejects: 0,
    items: [
      { id: 'tag:blog.example.de,2026:1', url: 'https://blog.example.de/acme-service', title: 'Acme & der Kundenservice', text: 'Drei Wochen auf eine Antwort gewartet… unfassbar.', author: 'Erika Mustermann', publishedAt: Date.parse('2026-03-02T09:00:00Z'), categories: ['Service'] },
      // Inline XHTML keeps its word order.
      { id: 'tag:blog.example.de,2026:2', text: 'Acme ist super!\nZweiter Absatz 👍', publishedAt: Date.parse('2026-03-02T12:00:00Z') },
      // An unparseable date is no date.
      { id: 'tag:blog.example.de,2026:3', text: 'Nur ein Titel', publishedAt: undefined },
    ],
  },
  { file: 'rdf.xml', title: 'RDF Site Summary', language: 'en', rejects: 0, items: [{ id: 'https://rdf.example.org/story/1', author: 'Newsdesk', publishedAt: Date.parse('2026-03-02T09:00:00Z') }] },
  // ISO-8859-1 declared in the XML prolog, no charset header.
  { file: 'latin1.xml', title: 'Zeitung für Südbaden', language: 'de', rejects: 0, items: [{ title: 'Grüße aus Köln: Acme eröffnet Filiale', text: 'Die Straße war voll – schön! Preis: 5 £' }] },
  // The same bytes with a charset header that says so.
  { file: 'latin1.xml', contentType: 'application/rss+xml; charset=ISO-8859-1', title: 'Zeitung für Südbaden', rejects: 0, items: [{ title: 'Grüße aus Köln: Acme eröffnet Filiale' }] },
  // Invalid UTF-8 bytes become U+FFFD instead of failing the feed.
  { file: 'bad-utf8.xml', title: 'Broken bytes', rejects: 0, items: [{ id: 'bad-1', title: 'Caf\uFFFD \uFFFD\uFFFD ok', text: 'Valid é and invalid \uFFFD bytes' }] },
];

describe('rss map', () => {
  it.each(cases)('$file ($contentType)', ({ file, contentType, title, language, rejects, items }) => {
    const feed = parseFeed(decodeXml(fixture(file), contentType));
    expect(feed.title).toBe(title);
    if (language) expect(feed.language).toBe(language);
    expect(feed.rejects).toHaveLength(rejects);
    expect(feed.items).toHaveLength(items.length);
    items.forEach((want, i) => {
      const got = feed.items[i]!;
      for (const [k, v] of Object.entries(want)) {
        const actual = got[k as keyof FeedItem];
        if (v instanceof RegExp) expect(actual).toMatch(v);
        else expect(actual, `${file} item ${i} ${k}`).toEqual(v);
      }
      // Every item is a valid interchange mention.
      const m = toMention(itemToMention(got, { title: feed.title, language: feed.language, url: 'https://x.example/feed' }, 'news', NOW), { now: NOW, maxTextLength: 10_000 });
      expect(m.id).toBe(`news:${got.id}`);
      expect(m.publishedAt).toBe(got.publishedAt ?? NOW);
    });
  });

  it.each([
    ['not-xml.txt', /not an RSS or Atom feed/],
    ['html-page.xml', /not an RSS or Atom feed/],
  ])('%s is rejected with a reason', (file, reason) => {
    expect(() => parseFeed(decodeXml(fixture(file)))).toThrow(reason);
  });

  it('caps very long texts and keeps long ids short', () => {
    const long = 'Acme '.repeat(60_000);
    const url = `https://e.example/${'a'.repeat(500)}`;
    const xml = `<rss version="2.0"><channel><title>t</title><item><link>${url}</link><description>${long}</description></item></channel></rss>`;
    const [item] = parseFeed(xml).items;
    expect(item!.text.length).toBeLessThanOrEqual(100_000);
    expect(item!.id).toMatch(/^[0-9a-f]{40}$/);
    expect(item!.url).toBe(url);
  });

  it('does not expand entity bombs', () => {
    const bomb = `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;"><!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;"><!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;"><!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;">]><rss><channel><title>x</title><item><title>&g;</title></item></channel></rss>`;
    let result: unknown;
    try {
      result = parseFeed(bomb);
    } catch (err) {
      result = err;
    }
    // Either refused, or parsed without the 10^7-character expansion.
    if (!(result instanceof Error)) expect(JSON.stringify(result).length).toBeLessThan(2_000_000);
  });
});
