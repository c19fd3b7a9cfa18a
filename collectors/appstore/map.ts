import { ValidationError } from '../../core/errors.ts';
import type { MentionInput } from '../../core/mention.ts';
import { SkipItem, isoTime, mapEach, obj, safeText, str, type MapOutcome } from '../payload.ts';
import { htmlToText } from '../text.ts';

/**
 * App Store customer-reviews feed (JSON flavour of the iTunes RSS generator,
 * `…/rss/customerreviews/page=N/id=APP/sortby=mostrecent/json`) → MentionInput,
 * pure. Shape followed: `feed.entry[]`, every value wrapped as `{label}`:
 * `id.label`, `author.name.label`, `author.uri.label`, `im:rating.label` ("1"–"5"),
 * `title.label`, `content.label` (`attributes.type` "text"), `updated.label`
 * (ISO 8601 with offset), `im:version.label`, `im:voteSum.label`. Quirks handled:
 * a page with one review has `entry` as an object, not an array; older feeds put
 * the app itself first (an entry with `im:name` and no rating) — skipped; a page
 * past the end has no `entry` at all.
 */

const label = (v: unknown): string | undefined => str(obj(v)?.label);

export interface AppRef {
  appId: string;
  country: string;
}

export function mapReview(entry: unknown, source: string, app: AppRef): MentionInput {
  const e = obj(entry);
  if (!e) throw new ValidationError('expected a feed entry object', 'feed.entry[]');
  const rating = label(e['im:rating']);
  if (rating === undefined && e['im:name'] !== undefined) throw new SkipItem('app metadata entry');
  const id = label(e.id);
  if (!id || !/^\d{1,25}$/.test(id)) throw new ValidationError('missing or not a numeric review id', 'id.label');
  const stars = rating === undefined ? NaN : Number(rating);
  if (!Number.isInteger(stars) || stars < 1 || stars > 5) throw new ValidationError(`must be a rating 1–5, got ${JSON.stringify(rating ?? null)}`, 'im:rating.label');
  const title = htmlToText(safeText(label(e.title) ?? ''), 500);
  const body = htmlToText(safeText(label(e.content) ?? ''));
  // A review may be a title only; the pipeline needs some text.
  const text = body || title;
  if (!text) throw new ValidationError('review has neither content nor title', 'content.label');
  const m: MentionInput = {
    source,
    id,
    text,
    publishedAt: isoTime(label(e.updated), 'updated.label'),
    url: `https://apps.apple.com/${app.country}/app/id${app.appId}?see-all=reviews`,
    rating: stars,
    country: app.country,
    appId: app.appId,
  };
  if (title && body) m.title = title;
  const name = label(obj(e.author)?.name);
  const uri = label(obj(e.author)?.uri);
  const authorId = uri ? /\/id(\d+)/.exec(uri)?.[1] : undefined;
  if (name || authorId) {
    m.author = {};
    if (authorId) m.author.id = authorId;
    if (name) m.author.name = safeText(name, 200);
    if (uri && /^https?:\/\//.test(uri)) m.author.url = uri;
  }
  const version = label(e['im:version']);
  if (version) m.appVersion = safeText(version, 50);
  return m;
}

/** One feed page; never throws for bad entries (they become rejects). No `entry` = past the last page. */
export function mapAppstorePage(body: unknown, source: string, app: AppRef): MapOutcome {
  const feed = obj(obj(body)?.feed);
  if (!feed) throw new ValidationError('not an App Store reviews feed (no "feed" object)', 'feed');
  const entry = feed.entry;
  const entries = entry === undefined ? [] : Array.isArray(entry) ? entry : [entry];
  return mapEach(entries, (e) => mapReview(e, source, app));
}
