import { ValidationError } from '../../core/errors.ts';
import type { MentionInput } from '../../core/mention.ts';
import { SkipItem, epochSeconds, isoTime, mapEach, num, obj, safeText, str, type MapOutcome } from '../payload.ts';
import { htmlToText } from '../text.ts';

/**
 * HN Search (Algolia) `search_by_date` hits → MentionInput, pure. Follows the
 * documented hit shape: `objectID`, `created_at_i`, `created_at`, `author`,
 * `title`, `url`, `story_text` / `comment_text` (HTML), `points`, `num_comments`,
 * `parent_id`, `story_id`, `story_title`, `_tags` (`story`, `comment`, `poll`…).
 */

const ITEM = 'https://news.ycombinator.com/item?id=';

/** Maps one hit. Throws ValidationError, or SkipItem for deleted/empty items. */
export function mapHnHit(hit: unknown, source: string): MentionInput {
  const h = obj(hit);
  if (!h) throw new ValidationError('expected an object', 'hit');
  const id = str(h.objectID) ?? (num(h.objectID) !== undefined ? String(h.objectID) : undefined);
  if (!id || !/^\d{1,20}$/.test(id)) throw new ValidationError('missing or not a numeric HN item id', 'objectID');
  const tags = Array.isArray(h._tags) ? h._tags.filter((t): t is string => typeof t === 'string') : [];
  const isComment = tags.includes('comment') || (str(h.comment_text) !== undefined && !str(h.title));

  let text: string;
  let title: string;
  if (isComment) {
    text = htmlToText(safeText(str(h.comment_text) ?? ''));
    title = safeText(str(h.story_title) ?? '', 1000).trim();
  } else {
    title = safeText(str(h.title) ?? '', 1000).trim();
    const body = htmlToText(safeText(str(h.story_text) ?? ''));
    // The title is most of a story: keep it in the text so brand matching and sentiment see it.
    text = body ? (title ? `${title}\n\n${body}` : body) : title;
  }
  // Deleted or flagged-dead items come back without author and text: nothing to listen to.
  if (!text.trim()) throw new SkipItem('deleted or empty item');

  const publishedAt = h.created_at_i !== undefined && h.created_at_i !== null ? epochSeconds(h.created_at_i, 'created_at_i') : isoTime(h.created_at, 'created_at');
  const m: MentionInput = {
    source,
    id,
    text,
    publishedAt,
    url: ITEM + id,
    engagement: { likes: Math.max(0, Math.round(num(h.points) ?? 0)), replies: Math.max(0, Math.round(num(h.num_comments) ?? 0)) },
  };
  if (title) m.title = title;
  const author = str(h.author);
  if (author) m.author = { id: author, name: author, url: `https://news.ycombinator.com/user?id=${encodeURIComponent(author)}` };
  const parent = num(h.parent_id) ?? (str(h.parent_id) ? Number(h.parent_id) : undefined);
  if (isComment && parent !== undefined && Number.isFinite(parent)) m.parentId = String(parent);
  const link = str(h.url) ?? str(h.story_url);
  if (link) m.link = link;
  return m;
}

export interface HnPage extends MapOutcome {
  /** Page index and count as Algolia reports them. */
  page: number;
  nbPages: number;
  /** created_at_i of every hit (also rejected/skipped ones), for the cursor. */
  times: Array<{ id: string; at: number }>;
}

/** Maps a search response; never throws for bad items (they become rejects). */
export function mapHnPage(body: unknown, source: string): HnPage {
  const b = obj(body);
  if (!b || !Array.isArray(b.hits)) throw new ValidationError('not an HN search response (expected hits to be an array)', 'hits');
  const times: HnPage['times'] = [];
  for (const hit of b.hits) {
    const h = obj(hit);
    const at = num(h?.created_at_i);
    const id = str(h?.objectID);
    if (id && at !== undefined) times.push({ id, at });
  }
  return { ...mapEach(b.hits, (hit) => mapHnHit(hit, source)), page: num(b.page) ?? 0, nbPages: num(b.nbPages) ?? 0, times };
}
