import { ValidationError } from '../../core/errors.ts';
import type { MentionInput } from '../../core/mention.ts';
import { count, isoTime, mapEach, num, obj, safeText, str, type MapOutcome } from '../payload.ts';
import { htmlToText, languageTag } from '../text.ts';

/**
 * Trustpilot Business Units API `GET /v1/business-units/{id}/reviews` →
 * MentionInput, pure. Shape followed: `reviews[]` with `id`, `stars` (1–5),
 * `title`, `text`, `language`, `createdAt`, `consumer{id, displayName,
 * numberOfReviews}`, `numberOfLikes`, `companyReply{text}`, `location`,
 * `links[{href, rel}]`; the page's own `links[]` carries `rel: "next-page"`.
 * A deleted consumer comes back without `consumer` (or with an empty one).
 */

export function mapTrustpilotReview(item: unknown, source: string, businessUnitId: string): MentionInput {
  const r = obj(item);
  if (!r) throw new ValidationError('expected a review object', 'reviews[]');
  const id = str(r.id);
  if (!id || !/^[A-Za-z0-9_-]{1,64}$/.test(id)) throw new ValidationError('missing or malformed review id', 'id');
  const body = htmlToText(safeText(str(r.text) ?? ''));
  const title = htmlToText(safeText(str(r.title) ?? ''), 500);
  const text = body || title;
  if (!text) throw new ValidationError('review has neither text nor title', 'text');
  const m: MentionInput = {
    source,
    id,
    text,
    publishedAt: isoTime(r.createdAt, 'createdAt'),
    url: `https://www.trustpilot.com/reviews/${encodeURIComponent(id)}`,
    engagement: { likes: count(r.numberOfLikes), shares: 0, replies: obj(r.companyReply) ? 1 : 0 },
    businessUnitId,
  };
  if (title && body) m.title = title;
  const stars = num(r.stars);
  if (stars !== undefined) {
    if (!Number.isInteger(stars) || stars < 1 || stars > 5) throw new ValidationError(`must be 1–5, got ${stars}`, 'stars');
    m.rating = stars;
  }
  const lang = languageTag(r.language);
  if (lang) m.language = lang;
  const c = obj(r.consumer);
  const cid = str(c?.id);
  const cname = str(c?.displayName);
  if (cid || cname) {
    m.author = {};
    if (cid) m.author.id = cid;
    if (cname) m.author.name = safeText(cname, 200);
    if (cid) m.author.url = `https://www.trustpilot.com/users/${encodeURIComponent(cid)}`;
  }
  const loc = str(r.location);
  if (loc && /^[A-Z]{2}$/.test(loc)) m.country = loc.toLowerCase();
  return m;
}

export interface TrustpilotPage extends MapOutcome {
  /** True when the page links a `next-page`. */
  hasNext: boolean;
  /** Items on the page (mapped or not). */
  read: number;
}

export function mapTrustpilotPage(body: unknown, source: string, businessUnitId: string): TrustpilotPage {
  const b = obj(body);
  if (!b) throw new ValidationError('not a Trustpilot reviews response object', '(body)');
  const reviews = b.reviews ?? [];
  if (!Array.isArray(reviews)) throw new ValidationError('expected an array of reviews', 'reviews');
  const links = Array.isArray(b.links) ? b.links.map(obj) : [];
  return {
    ...mapEach(reviews, (r) => mapTrustpilotReview(r, source, businessUnitId)),
    hasNext: links.some((l) => l?.rel === 'next-page'),
    read: reviews.length,
  };
}
