import { ValidationError } from '../../core/errors.ts';
import type { MentionInput } from '../../core/mention.ts';
import { SkipItem, count, epochSeconds, mapEach, num, obj, safeText, str, type MapOutcome } from '../payload.ts';
import { htmlToText, languageTag } from '../text.ts';

/**
 * Google Play Developer API `reviews.list` → MentionInput, pure. Shape
 * followed (androidpublisher v3 `ReviewsListResponse`): `reviews[]` of
 * `{reviewId, authorName, comments[]}` where a comment is either
 * `userComment{text, lastModified{seconds, nanos}, starRating,
 * reviewerLanguage, device, androidOsVersion, appVersionCode, appVersionName,
 * thumbsUpCount, thumbsDownCount}` or `developerComment{text, lastModified}`;
 * `tokenPagination.nextPageToken`. Play joins a review's title and body with a
 * tab ("Title\tBody"); they are split here.
 */

export function mapPlayReview(item: unknown, source: string, packageName: string): MentionInput {
  const r = obj(item);
  if (!r) throw new ValidationError('expected a review object', 'reviews[]');
  const id = str(r.reviewId);
  if (!id || id.length > 200) throw new ValidationError('missing review id', 'reviewId');
  const comments = Array.isArray(r.comments) ? r.comments.map(obj) : [];
  const user = obj(comments.find((c) => obj(c?.userComment))?.userComment);
  if (!user) throw new SkipItem('no user comment');
  const raw = safeText(str(user.text) ?? '');
  const tab = raw.indexOf('\t');
  const title = tab > 0 ? htmlToText(raw.slice(0, tab), 500) : '';
  const body = htmlToText(tab >= 0 ? raw.slice(tab + 1) : raw);
  const text = body || title;
  if (!text) throw new ValidationError('review has no text', 'comments[].userComment.text');
  const modified = obj(user.lastModified);
  const seconds = epochSeconds(modified?.seconds, 'comments[].userComment.lastModified.seconds');
  const m: MentionInput = {
    source,
    id,
    text,
    publishedAt: seconds,
    url: `https://play.google.com/store/apps/details?id=${encodeURIComponent(packageName)}&reviewId=${encodeURIComponent(id)}`,
    engagement: { likes: count(user.thumbsUpCount), shares: 0, replies: comments.some((c) => obj(c?.developerComment)) ? 1 : 0 },
    packageName,
  };
  if (title && body) m.title = title;
  const stars = num(user.starRating);
  if (stars !== undefined) {
    if (!Number.isInteger(stars) || stars < 1 || stars > 5) throw new ValidationError(`must be 1–5, got ${stars}`, 'comments[].userComment.starRating');
    m.rating = stars;
  }
  const lang = languageTag(user.reviewerLanguage);
  if (lang) m.language = lang;
  const region = /^[a-z]{2}[-_]([A-Z]{2})$/.exec(str(user.reviewerLanguage) ?? '')?.[1];
  if (region) m.country = region.toLowerCase();
  const name = str(r.authorName)?.trim();
  if (name) m.author = { name: safeText(name, 200) };
  const version = str(user.appVersionName);
  if (version) m.appVersion = safeText(version, 50);
  const device = str(user.device);
  if (device) m.device = safeText(device, 100);
  return m;
}

export interface PlayPage extends MapOutcome {
  nextToken: string | null;
}

export function mapPlayPage(body: unknown, source: string, packageName: string): PlayPage {
  const b = obj(body);
  if (!b) throw new ValidationError('not a reviews.list response object', '(body)');
  const reviews = b.reviews ?? [];
  if (!Array.isArray(reviews)) throw new ValidationError('expected an array of reviews', 'reviews');
  return {
    ...mapEach(reviews, (r) => mapPlayReview(r, source, packageName)),
    nextToken: str(obj(b.tokenPagination)?.nextPageToken) || null,
  };
}
