import { decode } from 'html-entities';
import { ValidationError } from '../../core/errors.ts';
import type { MentionInput } from '../../core/mention.ts';
import { SkipItem, count, isoTime, mapEach, obj, safeText, str, type MapOutcome } from '../payload.ts';

/**
 * YouTube Data API v3 → MentionInput, pure. Follows the documented
 * `search.list` (`youtube#searchListResponse`: `items[].id.videoId`,
 * `items[].snippet.{publishedAt, channelId, channelTitle, title, description}`;
 * title and description come HTML-escaped) and `commentThreads.list`
 * (`youtube#commentThreadListResponse`: `items[].snippet.{videoId,
 * totalReplyCount, topLevelComment.{id, snippet.{textOriginal, textDisplay,
 * authorDisplayName, authorChannelUrl, authorChannelId.value, likeCount,
 * publishedAt}}}`) shapes, both paged by `nextPageToken`.
 */

const WATCH = 'https://www.youtube.com/watch?v=';
const VIDEO_ID = /^[A-Za-z0-9_-]{6,20}$/;

/** One `youtube#searchResult` for a video. Channels and playlists are skipped. */
export function mapYoutubeVideo(item: unknown, source: string): MentionInput {
  const it = obj(item);
  if (!it) throw new ValidationError('expected a searchResult object', 'item');
  const id = obj(it.id);
  const kind = str(id?.kind);
  if (kind && kind !== 'youtube#video') throw new SkipItem(`not a video (${kind})`);
  const videoId = str(id?.videoId);
  if (!videoId || !VIDEO_ID.test(videoId)) throw new ValidationError('missing or malformed video id', 'id.videoId');
  const sn = obj(it.snippet);
  if (!sn) throw new ValidationError('missing snippet', 'snippet');
  const title = decode(safeText(str(sn.title) ?? '', 1000)).trim();
  const description = decode(safeText(str(sn.description) ?? '')).trim();
  // The title is most of what a video says in text: keep it in the text for matching and sentiment.
  const text = [title, description].filter(Boolean).join('\n\n');
  if (!text) throw new ValidationError('neither title nor description', 'snippet.title');
  const m: MentionInput = { source, id: videoId, text, publishedAt: isoTime(sn.publishedAt, 'snippet.publishedAt'), url: WATCH + videoId };
  if (title) m.title = title;
  const channelId = str(sn.channelId);
  const channelTitle = str(sn.channelTitle);
  if (channelId || channelTitle) {
    m.author = {};
    if (channelId) {
      m.author.id = channelId;
      m.author.url = `https://www.youtube.com/channel/${encodeURIComponent(channelId)}`;
    }
    if (channelTitle) m.author.name = decode(safeText(channelTitle, 200));
  }
  return m;
}

/** One `youtube#commentThread`: its top-level comment, parented to the video. */
export function mapYoutubeThread(item: unknown, source: string): MentionInput {
  const it = obj(item);
  if (!it) throw new ValidationError('expected a commentThread object', 'item');
  const sn = obj(it.snippet);
  const top = obj(sn?.topLevelComment);
  const c = obj(top?.snippet);
  if (!sn || !c) throw new ValidationError('missing snippet.topLevelComment.snippet', 'snippet.topLevelComment');
  const id = str(top?.id) ?? str(it.id);
  if (!id || !/^[A-Za-z0-9_.-]{4,100}$/.test(id)) throw new ValidationError('missing or malformed comment id', 'snippet.topLevelComment.id');
  const videoId = str(c.videoId) ?? str(sn.videoId);
  // textOriginal is plain text; textDisplay (HTML) is the fallback when the key cannot read originals.
  const original = str(c.textOriginal);
  const text = original !== undefined ? safeText(original).trim() : decode(safeText(str(c.textDisplay) ?? '').replace(/<[^>]*>/g, '')).trim();
  if (!text) throw new SkipItem('empty comment');
  const m: MentionInput = {
    source,
    id,
    text,
    publishedAt: isoTime(c.publishedAt, 'snippet.topLevelComment.snippet.publishedAt'),
    url: videoId ? `${WATCH}${videoId}&lc=${encodeURIComponent(id)}` : '',
    engagement: { likes: count(c.likeCount), replies: count(sn.totalReplyCount) },
  };
  if (videoId) m.parentId = videoId;
  const name = str(c.authorDisplayName)?.trim();
  const channel = str(obj(c.authorChannelId)?.value);
  const url = str(c.authorChannelUrl);
  // A deleted or hidden channel comes back with no name and no channel id: keep the comment, drop the author.
  if (name || channel) {
    m.author = {};
    if (channel) m.author.id = channel;
    if (name) m.author.name = safeText(name, 200);
    if (url) m.author.url = url;
  }
  return m;
}

function itemsOf(body: unknown, kind: string): { items: unknown[]; nextPageToken: string | null } {
  const b = obj(body);
  if (!b || !Array.isArray(b.items)) throw new ValidationError(`not a ${kind} (expected items to be an array)`, 'items');
  return { items: b.items, nextPageToken: str(b.nextPageToken) || null };
}

export function mapYoutubeSearch(body: unknown, source: string): MapOutcome & { nextPageToken: string | null; videoIds: string[] } {
  const { items, nextPageToken } = itemsOf(body, 'youtube#searchListResponse');
  const out = mapEach(items, (x) => mapYoutubeVideo(x, source));
  return { ...out, nextPageToken, videoIds: out.mentions.map((m) => m.id) };
}

export function mapYoutubeThreads(body: unknown, source: string): MapOutcome & { nextPageToken: string | null } {
  const { items, nextPageToken } = itemsOf(body, 'youtube#commentThreadListResponse');
  return { ...mapEach(items, (x) => mapYoutubeThread(x, source)), nextPageToken };
}
