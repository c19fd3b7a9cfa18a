import { ValidationError } from '../../core/errors.ts';
import type { MentionInput } from '../../core/mention.ts';
import { SkipItem, isoTime, mapEach, num, obj, safeText, str, type MapOutcome } from '../payload.ts';
import { languageTag } from '../text.ts';

/**
 * `app.bsky.feed.searchPosts` output → MentionInput, pure. Follows the
 * documented lexicon: `{cursor?, hitsTotal?, posts: PostView[]}` where a
 * PostView has `uri` (at://did/app.bsky.feed.post/rkey), `cid`, `author`
 * (`did`, `handle`, `displayName`), `record` (`text`, `createdAt`, `langs`,
 * `reply.parent.uri`), `replyCount`, `repostCount`, `likeCount`, `quoteCount`,
 * `indexedAt`. Search returns posts only: reposts are not posts and never
 * appear; a quote post is its own mention.
 */

const POST_URI = /^at:\/\/([^/]+)\/app\.bsky\.feed\.post\/([^/]+)$/;

/** Maps one PostView. Throws ValidationError, or SkipItem for posts without text. */
export function mapBlueskyPost(post: unknown, source: string): MentionInput {
  const p = obj(post);
  if (!p) throw new ValidationError('expected a PostView object', 'post');
  const uri = str(p.uri);
  const parts = uri ? POST_URI.exec(uri) : null;
  if (!uri || !parts) throw new ValidationError('missing or not an at://…/app.bsky.feed.post/… uri', 'uri');
  const record = obj(p.record);
  if (!record) throw new ValidationError('missing the post record', 'record');
  const text = safeText(str(record.text) ?? '').trim();
  if (!text) throw new SkipItem('no text (media only)');

  const indexed = str(p.indexedAt);
  // createdAt is what the client claims (it can be far in the future); indexedAt is when the network saw it.
  let publishedAt: string;
  try {
    publishedAt = isoTime(record.createdAt, 'record.createdAt');
    if (indexed && Date.parse(publishedAt) > Date.parse(indexed) + 300_000) publishedAt = isoTime(indexed, 'indexedAt');
  } catch (err) {
    if (!indexed) throw err;
    publishedAt = isoTime(indexed, 'indexedAt');
  }
  const author = obj(p.author);
  const did = str(author?.did) ?? parts[1] ?? '';
  const handle = str(author?.handle);
  const profile = handle && handle !== 'handle.invalid' ? handle : did;
  const m: MentionInput = {
    source,
    id: uri,
    text,
    publishedAt,
    url: `https://bsky.app/profile/${encodeURIComponent(profile)}/post/${encodeURIComponent(parts[2] ?? '')}`,
    engagement: {
      likes: Math.max(0, Math.round(num(p.likeCount) ?? 0)),
      shares: Math.max(0, Math.round((num(p.repostCount) ?? 0) + (num(p.quoteCount) ?? 0))),
      replies: Math.max(0, Math.round(num(p.replyCount) ?? 0)),
    },
    author: {
      id: did,
      name: safeText(str(author?.displayName)?.trim() || profile, 200),
      url: `https://bsky.app/profile/${encodeURIComponent(profile)}`,
    },
  };
  if (handle && handle !== 'handle.invalid') m.handle = handle;
  const langs = Array.isArray(record.langs) ? record.langs : [];
  const lang = languageTag(langs[0]);
  if (lang) m.language = lang;
  const parent = str(obj(obj(record.reply)?.parent)?.uri);
  if (parent) m.parentId = parent;
  return m;
}

/** Maps a searchPosts output; never throws for bad posts (they become rejects). */
export function mapBlueskySearch(body: unknown, source: string): MapOutcome & { cursor: string | null; indexedAt: number[] } {
  const b = obj(body);
  if (!b || !Array.isArray(b.posts)) throw new ValidationError('not a searchPosts output (expected posts to be an array)', 'posts');
  const indexedAt = b.posts.map((x) => Date.parse(str(obj(x)?.indexedAt) ?? '')).filter((t) => Number.isFinite(t));
  return { ...mapEach(b.posts, (x) => mapBlueskyPost(x, source)), cursor: str(b.cursor) || null, indexedAt };
}
