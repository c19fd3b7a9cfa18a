import { decode } from 'html-entities';
import { ValidationError } from '../../core/errors.ts';
import type { MentionInput } from '../../core/mention.ts';
import { SkipItem, count, isoTime, mapEach, obj, safeText, str, type MapOutcome } from '../payload.ts';
import { languageTag } from '../text.ts';

/**
 * X API v2 `GET /2/tweets/search/recent` → MentionInput, pure. Follows the
 * documented response: `data[]` Tweets (`id`, `text`, `author_id`,
 * `created_at`, `lang`, `conversation_id`, `referenced_tweets[{type, id}]`,
 * `public_metrics{like_count, retweet_count, quote_count, reply_count}`,
 * `note_tweet.text` for long posts), `includes.users[]` (`id`, `name`,
 * `username`, `public_metrics.followers_count`, from `expansions=author_id`),
 * `meta{newest_id, oldest_id, result_count, next_token}` and partial `errors[]`.
 * X escapes `&`, `<`, `>` in text; they are decoded here once. Retweets are
 * skipped (their text is a truncated copy; the original is matched on its own).
 */

export interface XUser {
  name?: string;
  username?: string;
  followers?: number;
}

export function usersById(body: unknown): Map<string, XUser> {
  const users = new Map<string, XUser>();
  const list = obj(obj(body)?.includes)?.users;
  if (!Array.isArray(list)) return users;
  for (const u of list) {
    const o = obj(u);
    const id = str(o?.id);
    if (!o || !id) continue;
    const user: XUser = {};
    const name = str(o.name);
    const username = str(o.username);
    if (name) user.name = safeText(name, 200);
    if (username) user.username = username;
    const f = obj(o.public_metrics)?.followers_count;
    if (f !== undefined) user.followers = count(f);
    users.set(id, user);
  }
  return users;
}

export function mapTweet(tweet: unknown, source: string, users: ReadonlyMap<string, XUser>): MentionInput {
  const t = obj(tweet);
  if (!t) throw new ValidationError('expected a Tweet object', 'data[]');
  const id = str(t.id);
  if (!id || !/^\d{1,25}$/.test(id)) throw new ValidationError('missing or not a numeric tweet id', 'id');
  const refs = Array.isArray(t.referenced_tweets) ? t.referenced_tweets.map(obj) : [];
  if (refs.some((r) => r?.type === 'retweeted')) throw new SkipItem('retweet');
  const raw = str(obj(t.note_tweet)?.text) ?? str(t.text);
  if (raw === undefined) throw new ValidationError('missing text', 'text');
  const text = decode(safeText(raw)).trim();
  if (!text) throw new SkipItem('empty text');
  const pm = obj(t.public_metrics);
  const authorId = str(t.author_id);
  const user = authorId ? users.get(authorId) : undefined;
  const m: MentionInput = {
    source,
    id,
    text,
    publishedAt: isoTime(t.created_at, 'created_at'),
    url: `https://x.com/${user?.username ? encodeURIComponent(user.username) : 'i/web'}/status/${id}`,
    engagement: { likes: count(pm?.like_count), shares: count(pm?.retweet_count) + count(pm?.quote_count), replies: count(pm?.reply_count) },
  };
  if (authorId) {
    m.author = { id: authorId };
    if (user?.name ?? user?.username) m.author.name = user.name ?? user.username;
    if (user?.username) m.author.url = `https://x.com/${encodeURIComponent(user.username)}`;
    if (user?.followers !== undefined) m.author.followers = user.followers;
    if (user?.username) m.handle = user.username;
  }
  const lang = languageTag(t.lang);
  if (lang) m.language = lang;
  const parent = refs.find((r) => r?.type === 'replied_to');
  const parentId = str(parent?.id);
  if (parentId) m.parentId = parentId;
  return m;
}

export interface XPage extends MapOutcome {
  nextToken: string | null;
  newestId: string | null;
  oldestId: string | null;
}

/** Maps one page; never throws for bad tweets (they become rejects). A page without `data` has no results. */
export function mapXSearch(body: unknown, source: string): XPage {
  const b = obj(body);
  if (!b) throw new ValidationError('not an X API response object', '(body)');
  const data = b.data ?? [];
  if (!Array.isArray(data)) throw new ValidationError('expected an array of tweets', 'data');
  const users = usersById(b);
  const meta = obj(b.meta);
  return {
    ...mapEach(data, (t) => mapTweet(t, source, users)),
    nextToken: str(meta?.next_token) || null,
    newestId: str(meta?.newest_id) || null,
    oldestId: str(meta?.oldest_id) || null,
  };
}
