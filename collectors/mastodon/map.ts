import { ValidationError } from '../../core/errors.ts';
import type { MentionInput } from '../../core/mention.ts';
import { SkipItem, isoTime, mapEach, num, obj, safeText, str, type MapOutcome } from '../payload.ts';
import { htmlToText, languageTag, stableId } from '../text.ts';

/**
 * Mastodon Status entities → MentionInput, pure. Follows the documented Status
 * shape returned by `GET /api/v2/search?type=statuses` (`{statuses: [...]}`)
 * and `GET /api/v1/timelines/tag/:hashtag` (an array): `id` (instance-local),
 * `uri` (global), `url`, `created_at`, `content` (HTML), `spoiler_text`,
 * `language`, `visibility`, `in_reply_to_id`, `reblog`, `account`
 * (`acct`, `display_name`, `url`, `followers_count`), `replies_count`,
 * `reblogs_count`, `favourites_count`.
 *
 * The mention id is the status `uri`: the same post seen from two instances
 * (or boosted) is one mention. A boost maps to the original post.
 */

/** Maps one Status. Throws ValidationError, or SkipItem for non-public posts. */
export function mapMastodonStatus(status: unknown, source: string): MentionInput {
  const outer = obj(status);
  if (!outer) throw new ValidationError('expected a Status object', 'status');
  // A boost carries the original in `reblog`: that is what people said.
  const s = obj(outer.reblog) ?? outer;
  const visibility = str(s.visibility);
  if (visibility === 'private' || visibility === 'direct') throw new SkipItem(`visibility ${visibility}`);
  const uri = str(s.uri) ?? str(s.url);
  if (!uri?.trim()) throw new ValidationError('missing the status uri', 'uri');
  const spoiler = htmlToText(safeText(str(s.spoiler_text) ?? '', 1000));
  const text = htmlToText(safeText(str(s.content) ?? ''));
  if (!text && !spoiler) throw new SkipItem('no text (media only)');

  const m: MentionInput = {
    source,
    id: stableId(uri),
    text: text || spoiler,
    publishedAt: isoTime(s.created_at, 'created_at'),
    url: str(s.url) ?? uri,
    engagement: {
      likes: Math.max(0, Math.round(num(s.favourites_count) ?? 0)),
      shares: Math.max(0, Math.round(num(s.reblogs_count) ?? 0)),
      replies: Math.max(0, Math.round(num(s.replies_count) ?? 0)),
    },
  };
  // A content warning reads like a subject line.
  if (spoiler && text) m.title = spoiler;
  const lang = languageTag(s.language);
  if (lang) m.language = lang;
  const reply = str(s.in_reply_to_id);
  if (reply) m.parentId = reply;
  const account = obj(s.account);
  if (account) {
    const acct = str(account.acct) ?? str(account.username);
    const display = str(account.display_name)?.trim();
    const author: NonNullable<MentionInput['author']> = {};
    const url = str(account.url);
    if (url) author.id = url;
    else if (acct) author.id = acct;
    if (display || acct) author.name = safeText(display || acct || '', 200);
    if (url) author.url = url;
    const followers = num(account.followers_count);
    if (followers !== undefined && followers >= 0) author.followers = Math.round(followers);
    if (Object.keys(author).length) m.author = author;
    if (acct) m.handle = acct;
  }
  const booster = outer !== s ? str(obj(outer.account)?.acct) : undefined;
  if (booster) m.boostedBy = booster;
  return m;
}

/** `{statuses: [...]}` (search) or a bare array (timelines); never throws for bad items. */
export function mapMastodonStatuses(body: unknown, source: string): MapOutcome & { ids: string[] } {
  const list = Array.isArray(body) ? body : obj(body)?.statuses;
  if (!Array.isArray(list)) throw new ValidationError('not a Mastodon status list (expected an array or {statuses: [...]})', 'statuses');
  // Instance-local ids of every status on the page (boosts included), for min_id/max_id paging.
  const ids = list.map((x) => str(obj(x)?.id)).filter((x): x is string => Boolean(x && /^\d{1,30}$/.test(x)));
  return { ...mapEach(list, (x) => mapMastodonStatus(x, source)), ids };
}
