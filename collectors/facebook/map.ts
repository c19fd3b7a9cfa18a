import { ValidationError } from '../../core/errors.ts';
import type { MentionInput } from '../../core/mention.ts';
import { SkipItem, count, isoTime, mapEach, obj, safeText, str, type MapOutcome } from '../payload.ts';
import { htmlToText } from '../text.ts';

/**
 * Graph API payloads → MentionInput, pure. Shapes followed (Graph API
 * reference): Page `feed`/`tagged` posts `{id, message, created_time,
 * permalink_url, from{id,name}}` with the `comments` edge `{data[], paging}`
 * of comments `{id, message, created_time, from{id,name}, like_count,
 * comment_count, parent{id}, permalink_url}`; Instagram media `{id, caption,
 * timestamp, permalink, username, like_count, comments_count}` with comments
 * `{id, text, timestamp, username, like_count, from{id, username}}`; lists are
 * `{data[], paging{cursors{before, after}, next}}`. Times look like
 * `2026-03-02T14:05:31+0000`. `from` is missing when the user's privacy hides
 * them or the account is gone; a comment without text (sticker, photo) is
 * skipped.
 */

const text = (v: unknown, field: string): string => {
  const t = htmlToText(safeText(str(v) ?? ''));
  if (!t) throw new SkipItem(`no ${field}`);
  return t;
};
const graphId = (v: unknown, field: string): string => {
  const id = str(v);
  if (!id || !/^[\w.:-]{1,100}$/.test(id)) throw new ValidationError('missing or malformed id', field);
  return id;
};
const fbAuthor = (from: unknown): MentionInput['author'] | undefined => {
  const f = obj(from);
  const id = str(f?.id);
  const name = str(f?.name);
  if (!id && !name) return undefined;
  const a: NonNullable<MentionInput['author']> = {};
  if (id) a.id = id;
  if (name) a.name = safeText(name, 200);
  return a;
};

export function mapFbComment(item: unknown, source: string, post: { id: string; url?: string }): MentionInput {
  const c = obj(item);
  if (!c) throw new ValidationError('expected a comment object', 'comments.data[]');
  const id = graphId(c.id, 'id');
  const m: MentionInput = {
    source, id, text: text(c.message, 'message'), publishedAt: isoTime(c.created_time, 'created_time'),
    engagement: { likes: count(c.like_count), shares: 0, replies: count(c.comment_count) },
    parentId: str(obj(c.parent)?.id) ?? post.id, platform: 'facebook', kind: 'comment',
  };
  const url = str(c.permalink_url) ?? post.url;
  if (url && /^https:\/\//.test(url)) m.url = url;
  const author = fbAuthor(c.from);
  if (author) m.author = author;
  return m;
}

export function mapFbPost(item: unknown, source: string): MentionInput {
  const p = obj(item);
  if (!p) throw new ValidationError('expected a post object', 'data[]');
  const id = graphId(p.id, 'id');
  const m: MentionInput = { source, id, text: text(p.message, 'message'), publishedAt: isoTime(p.created_time, 'created_time'), platform: 'facebook', kind: 'tagged' };
  const url = str(p.permalink_url);
  if (url && /^https:\/\//.test(url)) m.url = url;
  const author = fbAuthor(p.from);
  if (author) m.author = author;
  return m;
}

export function mapIgComment(item: unknown, source: string, media: { id: string; url?: string }): MentionInput {
  const c = obj(item);
  if (!c) throw new ValidationError('expected a comment object', 'comments.data[]');
  const id = graphId(c.id, 'id');
  const m: MentionInput = {
    source, id, text: text(c.text, 'text'), publishedAt: isoTime(c.timestamp, 'timestamp'),
    engagement: { likes: count(c.like_count), shares: 0, replies: 0 }, parentId: media.id,
    platform: 'instagram', kind: 'comment',
  };
  if (media.url && /^https:\/\//.test(media.url)) m.url = media.url;
  const from = obj(c.from);
  const username = str(c.username) ?? str(from?.username);
  const uid = str(from?.id);
  if (username || uid) {
    m.author = {};
    if (uid) m.author.id = uid;
    if (username) {
      m.author.name = safeText(username, 100);
      m.author.url = `https://www.instagram.com/${encodeURIComponent(username)}/`;
    }
  }
  return m;
}

export function mapIgMedia(item: unknown, source: string): MentionInput {
  const p = obj(item);
  if (!p) throw new ValidationError('expected a media object', 'data[]');
  const id = graphId(p.id, 'id');
  const m: MentionInput = {
    source, id, text: text(p.caption, 'caption'), publishedAt: isoTime(p.timestamp, 'timestamp'),
    engagement: { likes: count(p.like_count), shares: 0, replies: count(p.comments_count) }, platform: 'instagram', kind: 'tagged',
  };
  const url = str(p.permalink);
  if (url && /^https:\/\//.test(url)) m.url = url;
  const username = str(p.username);
  if (username) m.author = { name: safeText(username, 100), url: `https://www.instagram.com/${encodeURIComponent(username)}/` };
  return m;
}

export interface GraphPage extends MapOutcome {
  /** `paging.cursors.after` when `paging.next` exists (more pages). */
  after: string | null;
  /** Oldest post/media time on the page (ms), for comment scans; null when none. */
  oldest?: number | null;
}

function list(body: unknown): { data: unknown[]; after: string | null } {
  const b = obj(body);
  if (!b) throw new ValidationError('not a Graph API list object', '(body)');
  const data = b.data ?? [];
  if (!Array.isArray(data)) throw new ValidationError('expected an array', 'data');
  const paging = obj(b.paging);
  const after = paging?.next ? str(obj(paging.cursors)?.after) : undefined;
  return { data, after: after || null };
}

/** `/{page-id}/tagged` or `/{ig-user-id}/tags`: one mention per post/media. */
export function mapTaggedPage(body: unknown, source: string, platform: 'facebook' | 'instagram'): GraphPage {
  const { data, after } = list(body);
  return { ...mapEach(data, (p) => (platform === 'facebook' ? mapFbPost(p, source) : mapIgMedia(p, source))), after };
}

/** `/{page-id}/feed` or `/{ig-user-id}/media` with the nested `comments` edge: one mention per comment. */
export function mapCommentsPage(body: unknown, source: string, platform: 'facebook' | 'instagram'): GraphPage {
  const { data, after } = list(body);
  const out: GraphPage = { mentions: [], rejects: [], skipped: 0, after, oldest: null };
  for (const p of data) {
    const post = obj(p);
    const id = str(post?.id);
    if (!post || !id) continue;
    const t = Date.parse(str(platform === 'facebook' ? post.created_time : post.timestamp) ?? '');
    if (Number.isFinite(t)) out.oldest = Math.min(out.oldest ?? t, t);
    const url = str(platform === 'facebook' ? post.permalink_url : post.permalink);
    const comments = obj(post.comments)?.data;
    if (!Array.isArray(comments)) continue;
    const r = mapEach(comments, (c) => (platform === 'facebook' ? mapFbComment(c, source, { id, url }) : mapIgComment(c, source, { id, url })));
    out.mentions.push(...r.mentions);
    out.rejects.push(...r.rejects);
    out.skipped += r.skipped;
  }
  return out;
}
