import { decode } from 'html-entities';
import { ValidationError } from '../../core/errors.ts';
import type { MentionInput } from '../../core/mention.ts';
import { SkipItem, epochSeconds, mapEach, num, obj, safeText, str, type MapOutcome } from '../payload.ts';

/**
 * Reddit Listing → MentionInput, pure. Follows the documented Listing shape
 * (`{kind: "Listing", data: {after, before, children: [{kind: "t3"|"t1", data}]}}`)
 * returned by `/search.json`, `/r/<sub>/search.json` and `/r/<sub>/comments.json`.
 * Reddit escapes `&`, `<`, `>` in markdown fields; they are decoded here once.
 */

const DELETED = new Set(['[deleted]', '[removed]']);

/** Maps one Listing child (`t3` post or `t1` comment). Throws ValidationError, or SkipItem for deleted content. */
export function mapRedditThing(child: unknown, source: string): MentionInput {
  const thing = obj(child);
  const kind = str(thing?.kind);
  const d = obj(thing?.data);
  if (!d) throw new ValidationError('missing the data object of the Listing child', 'data');
  if (kind !== 't3' && kind !== 't1') throw new ValidationError(`unsupported kind ${JSON.stringify(kind ?? null)}; expected t3 or t1`, 'kind');
  const rawId = str(d.id);
  const name = str(d.name) ?? (rawId ? `${kind}_${rawId}` : undefined);
  if (!name || !/^t[13]_[a-z0-9]{1,20}$/i.test(name)) throw new ValidationError('missing or malformed fullname (e.g. t3_abc123)', 'name');

  const title = decode(safeText(str(d.title) ?? str(d.link_title) ?? '', 1000)).trim();
  let text: string;
  if (kind === 't3') {
    const body = str(d.selftext) ?? '';
    const removed = DELETED.has(body.trim());
    if (removed && DELETED.has(str(d.author) ?? '[deleted]')) throw new SkipItem('post deleted');
    // The title carries most of a post's words: keep it in the text so brand matching and sentiment see it.
    text = body.trim() && !removed ? `${title}\n\n${body}` : title;
  } else {
    const body = str(d.body);
    if (body === undefined) throw new ValidationError('missing comment body', 'body');
    if (DELETED.has(body.trim())) throw new SkipItem('comment deleted');
    text = body;
  }
  if (!text.trim()) throw new ValidationError('neither title nor text', 'title');

  const author = str(d.author);
  const permalink = str(d.permalink);
  const subreddit = str(d.subreddit);
  const m: MentionInput = {
    source,
    id: name,
    text: decode(safeText(text)),
    publishedAt: epochSeconds(d.created_utc ?? d.created, 'created_utc'),
    url: permalink?.startsWith('/') ? `https://www.reddit.com${permalink}` : (str(d.url) ?? ''),
    engagement: { likes: Math.max(0, Math.round(num(d.score) ?? num(d.ups) ?? 0)), replies: Math.max(0, Math.round(num(d.num_comments) ?? 0)) },
  };
  if (title) m.title = title;
  if (author && !DELETED.has(author)) {
    m.author = { name: author, url: `https://www.reddit.com/user/${encodeURIComponent(author)}` };
    const fullname = str(d.author_fullname);
    if (fullname) m.author.id = fullname;
  }
  if (kind === 't1') {
    const parent = str(d.parent_id);
    if (parent) m.parentId = parent;
  }
  if (subreddit) m.community = `r/${subreddit}`;
  return m;
}

/** Maps a whole Listing; never throws for bad data: bad children become rejects with their reason. */
export function mapRedditListing(listing: unknown, source: string): MapOutcome & { after: string | null } {
  const data = obj(obj(listing)?.data);
  const children = data?.children;
  if (!Array.isArray(children)) {
    throw new ValidationError('not a Reddit Listing (expected data.children to be an array)', 'data.children');
  }
  return { ...mapEach(children, (c) => mapRedditThing(c, source)), after: str(data?.after) || null };
}
