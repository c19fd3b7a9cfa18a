import { createHash } from 'node:crypto';
import { XMLParser } from 'fast-xml-parser';
import { decode } from 'html-entities';
import type { MentionInput } from '../../core/mention.ts';
import { decodeBody } from '../../core/http.ts';
import { htmlToText, isoDate, languageTag, stableId } from '../text.ts';

/**
 * Pure: feed bytes → items → interchange mentions. RSS 2.0, RSS 1.0 (RDF) and
 * Atom 1.0, as documented at https://www.rssboard.org/rss-specification and
 * RFC 4287. Anything missing is tolerated; an item with neither id, link nor
 * title/text cannot be identified and is rejected with its reason.
 */

export interface FeedItem {
  id: string;
  url: string;
  title: string;
  text: string;
  /** Epoch ms, or undefined when the feed gave no date. */
  publishedAt: number | undefined;
  author: string;
  categories: string[];
}

export interface Feed {
  title: string;
  language: string | undefined;
  items: FeedItem[];
  rejects: Array<{ reason: string; payload: string }>;
}

type Node = Record<string, unknown>;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  textNodeName: '#text',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  processEntities: { enabled: true, maxTotalExpansions: 10_000, maxExpandedLength: 2_000_000 },
  htmlEntities: true,
  // Atom content may be inline XHTML (mixed content the parser would reorder): keep it raw.
  stopNodes: ['feed.entry.content', 'feed.entry.summary'],
  isArray: (name) => ['item', 'entry', 'link', 'category', 'author', 'dc:creator', 'dc:subject'].includes(name),
});

/** Bytes → string: charset from the header, else the XML declaration, else UTF-8. */
export function decodeXml(body: Buffer, contentType?: string): string {
  const head = body.toString('latin1', 0, 200);
  const declared = /^\s*<\?xml[^>]*encoding=["']([\w.:-]+)["']/i.exec(head)?.[1];
  const headerCharset = /charset=/i.test(contentType ?? '') ? contentType : undefined;
  return decodeBody(body, headerCharset, declared).replace(/^\uFEFF/, '');
}

/** Text of a node that may be a string, `{ '#text': … }` or a list of either. */
function text(v: unknown): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return v.map(text).filter(Boolean).join(', ');
  if (typeof v === 'object') {
    const o = v as Node;
    if ('#text' in o) return text(o['#text']);
    if ('name' in o) return text(o.name);
    // Atom type="xhtml" content arrives as nested elements: gather their text, skip attributes.
    return Object.entries(o)
      .filter(([k]) => !k.startsWith('@_'))
      .map(([, c]) => text(c))
      .filter(Boolean)
      .join('\n');
  }
  return '';
}

function links(v: unknown): Array<{ href: string; rel: string }> {
  const list = Array.isArray(v) ? v : v === undefined ? [] : [v];
  return list
    .map((l) => (typeof l === 'string' ? { href: l, rel: 'alternate' } : { href: text((l as Node)['@_href']) || text(l), rel: text((l as Node)['@_rel']) || 'alternate' }))
    .filter((l) => l.href);
}

/**
 * Atom text constructs (RFC 4287 3.1), kept raw by the parser: `xhtml` is
 * markup as it stands; `text`/`html` are escaped (entities or CDATA) first.
 */
function atomText(node: unknown): string {
  if (node === undefined || node === null) return '';
  const raw = typeof node === 'object' ? text((node as Node)['#text']) : text(node);
  const type = typeof node === 'object' ? text((node as Node)['@_type']) : '';
  if (type === 'xhtml') return htmlToText(raw);
  const unescaped = raw.replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, (_m, c: string) => c.replace(/&/g, '&amp;').replace(/</g, '&lt;'));
  return htmlToText(decode(unescaped, { level: 'xml' }));
}

function rssAuthor(item: Node): string {
  const creator = text(item['dc:creator']);
  if (creator) return creator;
  // RSS 2.0 <author> is an e-mail address, often "mail@x.org (Name)": keep the name only.
  const a = text(item.author);
  const named = /\(([^)]+)\)/.exec(a)?.[1];
  return named ?? (a.includes('@') ? '' : a);
}

function toItem(raw: Node, atom: boolean): FeedItem | { reject: string } {
  const link = atom
    ? (links(raw.link).find((l) => l.rel === 'alternate') ?? links(raw.link)[0])?.href ?? ''
    : links(raw.link)[0]?.href ?? text(raw['@_rdf:about']);
  const title = htmlToText(text(raw.title), 2000);
  const content = atom
    ? atomText(raw.content) || atomText(raw.summary)
    : htmlToText(text(raw['content:encoded']) || text(raw.description));
  const date = atom ? text(raw.published) || text(raw.updated) : text(raw.pubDate) || text(raw['dc:date']);
  const published = date ? Date.parse(isoDate(date) ?? '') : NaN;
  const guid = atom ? text(raw.id) : text(raw.guid);
  // No guid and no link: the content itself is the identity (same item, same id on every poll).
  const id = guid || link || (title || content ? 'sha1:' + createHash('sha1').update(`${title}|${date}|${content}`).digest('hex') : '');
  if (!id) return { reject: 'item has no guid/id, no link, no title and no text' };
  const textOut = content || title;
  if (!textOut) return { reject: `item ${id.slice(0, 80)} has no text (no title, description or content)` };
  const cats = [raw.category, raw['dc:subject']].flatMap((c) => (Array.isArray(c) ? c : c === undefined ? [] : [c]));
  return {
    id: stableId(id),
    url: link,
    title,
    text: textOut,
    publishedAt: Number.isFinite(published) ? published : undefined,
    author: htmlToText(atom ? text(raw.author) : rssAuthor(raw), 200),
    categories: cats.map((c) => text((c as Node)?.['@_term'] ?? c)).filter(Boolean).slice(0, 20),
  };
}

/** Parses a feed document; throws a message naming what is wrong when it is not a feed at all. */
export function parseFeed(xml: string): Feed {
  let doc: Node;
  try {
    doc = parser.parse(xml) as Node;
  } catch (err) {
    throw new Error(`not well-formed XML: ${(err as Error).message.split('\n')[0]}`);
  }
  const rss = doc.rss as Node | undefined;
  const rdf = doc['rdf:RDF'] as Node | undefined;
  const atom = doc.feed as Node | undefined;
  const channel = (rss?.channel ?? rdf?.channel) as Node | undefined;
  let rawItems: unknown[];
  let title: string;
  let language: string | undefined;
  if (rss || rdf) {
    rawItems = ((rss ? channel?.item : rdf?.item) as unknown[] | undefined) ?? [];
    title = text(channel?.title);
    language = languageTag(text(channel?.language) || text(channel?.['dc:language']));
  } else if (atom) {
    rawItems = (atom.entry as unknown[] | undefined) ?? [];
    title = text(atom.title);
    language = languageTag(text(atom['@_xml:lang']));
  } else {
    throw new Error('not an RSS or Atom feed (no <rss>, <rdf:RDF> or <feed> root element)');
  }
  const items: FeedItem[] = [];
  const rejects: Feed['rejects'] = [];
  for (const raw of rawItems) {
    const item = raw && typeof raw === 'object' ? toItem(raw as Node, Boolean(atom && !rss && !rdf)) : { reject: 'item is empty' };
    if ('reject' in item) rejects.push({ reason: item.reject, payload: JSON.stringify(raw).slice(0, 10_000) });
    else items.push(item);
  }
  return { title: htmlToText(title, 500), language, items, rejects };
}

/** One item as an interchange mention; items without a date get `now`. */
export function itemToMention(item: FeedItem, feed: { title: string; language?: string | undefined; url: string }, source: string, now: number): MentionInput {
  const m: MentionInput = {
    source,
    id: item.id,
    text: item.text,
    publishedAt: new Date(item.publishedAt ?? now).toISOString(),
    url: item.url,
    title: item.title,
    feed: { title: feed.title, url: feed.url },
  };
  if (feed.language) m.language = feed.language;
  if (item.author) m.author = { name: item.author };
  if (item.categories.length) m.categories = item.categories;
  return m;
}
