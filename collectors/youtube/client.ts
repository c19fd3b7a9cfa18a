import { PermanentError } from '../../core/errors.ts';
import type { MentionInput } from '../../core/mention.ts';
import { createSourceHttp, type SourceHttp } from '../common.ts';
import { obj, num, str } from '../payload.ts';
import { RecentIds, StopStream, explainAuth, readStreams, runStream, searchQueries, type PageOut, type StreamCursor } from '../search-run.ts';
import type { CollectInput, CollectResult, Collector, CollectorDeps } from '../types.ts';
import type { YoutubeOptions } from './config.ts';
import { mapYoutubeSearch, mapYoutubeThreads } from './map.ts';

const COST = { search: 100, comments: 1 };

/** The quota day resets at midnight Pacific time; UTC−8 is close enough to never overspend by more than a day's slice. */
function quotaDay(now: number): string {
  return new Date(now - 8 * 3_600_000).toISOString().slice(0, 10);
}

class QuotaSpent extends StopStream {}

/**
 * YouTube Data API v3: `search.list` (type=video, order=date, publishedAfter)
 * finds new videos; each found video's `commentThreads.list` (order=time) is
 * then read for `watchCommentsFor`, as its own stream. Units spent are kept in
 * the cursor per quota day; a run stops before going over `dailyQuota`, and a
 * `quotaExceeded` answer ends the run quietly until the next day.
 */
export class YoutubeCollector implements Collector {
  private readonly http: SourceHttp;
  private readonly queries: string[];

  constructor(
    private readonly o: YoutubeOptions,
    private readonly deps: CollectorDeps,
  ) {
    this.http = createSourceHttp(deps, o);
    this.queries = searchQueries(o.query, deps.brands, deps.name);
  }

  async collect(input: CollectInput): Promise<CollectResult> {
    const now = this.deps.clock.now();
    const prev = readStreams(input.cursor);
    const q = obj(input.cursor?.quota);
    const day = quotaDay(now);
    const quota = { day, used: str(q?.day) === day ? (num(q?.used) ?? 0) : 0 };
    const watched: Record<string, number> = {};
    for (const [id, at] of Object.entries(obj(input.cursor?.videos) ?? {})) if (typeof at === 'number' && at > now - this.o.watchCommentsFor) watched[id] = at;

    const get = async (path: string, params: Record<string, string>, cost: number, signal: AbortSignal): Promise<unknown> => {
      if (quota.used + cost > this.o.dailyQuota) throw new QuotaSpent();
      quota.used += cost;
      try {
        return (await this.http.json(`${this.o.apiUrl}/${path}?${new URLSearchParams({ ...params, key: this.o.apiKey })}`, { signal })).json;
      } catch (err) {
        if (err instanceof PermanentError && /quota|dailyLimitExceeded|rateLimitExceeded/i.test(err.message)) {
          quota.used = this.o.dailyQuota;
          throw new QuotaSpent();
        }
        if (err instanceof PermanentError && /API key not valid|keyInvalid|API_KEY_INVALID/i.test(err.message)) {
          throw new PermanentError(err.message, { code: 'auth_failed', cause: err });
        }
        throw err;
      }
    };

    const start = input.since ?? now - this.o.backfillWindow;
    const mentions: MentionInput[] = [];
    const rejects: NonNullable<CollectResult['rejects']> = [];
    const next: Record<string, StreamCursor> = { ...prev };
    const recent = new RecentIds(input.cursor);
    const stream = async (key: string, fetchPage: (token: string | null, since: number) => Promise<PageOut>): Promise<PageOut['mentions']> => {
      const run = await runStream({ cursor: prev[key], start, force: input.since !== undefined, maxPages: this.o.maxPagesPerRun, maxItems: this.o.maxItemsPerRun - mentions.length, signal: input.signal, fetchPage });
      recent.push(mentions, run.mentions);
      rejects.push(...run.rejects);
      next[key] = run.cursor;
      return run.mentions;
    };

    try {
      for (const query of this.queries) {
        const found = await stream(`search:${query}`, async (token, since) => {
          const params: Record<string, string> = { part: 'snippet', type: 'video', order: 'date', maxResults: '50', q: query, publishedAfter: new Date(since).toISOString() };
          if (this.o.relevanceLanguage) params.relevanceLanguage = this.o.relevanceLanguage;
          if (token) params.pageToken = token;
          const out = mapYoutubeSearch(await get('search', params, COST.search, input.signal), this.deps.name);
          return { ...out, next: out.nextPageToken };
        });
        if (this.o.comments) for (const v of found) watched[v.id] ??= now;
      }
      const ids = Object.entries(watched).sort((a, b) => b[1] - a[1]).slice(0, this.o.maxWatchedVideos).map(([id]) => id);
      for (const videoId of ids) {
        try {
          await stream(`comments:${videoId}`, async (token) => {
            const params: Record<string, string> = { part: 'snippet', videoId, order: 'time', maxResults: '100', textFormat: 'plainText' };
            if (token) params.pageToken = token;
            const out = mapYoutubeThreads(await get('commentThreads', params, COST.comments, input.signal), this.deps.name);
            return { ...out, next: out.nextPageToken };
          });
        } catch (err) {
          // Comments turned off or the video gone: that video only; everything else goes on.
          if (err instanceof PermanentError && err.code !== 'auth_failed') {
            this.deps.logger.info('youtube: no comments for video', { source: this.deps.name, videoId, error: err.message });
            delete watched[videoId];
          } else throw err;
        }
      }
    } catch (err) {
      throw explainAuth(err, this.deps.name, 'apiKey');
    }
    if (quota.used + COST.comments > this.o.dailyQuota) {
      this.deps.logger.warn('youtube: daily quota spent, the rest waits for the next quota day', { source: this.deps.name, used: quota.used, dailyQuota: this.o.dailyQuota });
    }
    this.deps.metrics.gauge('earshot_youtube_quota_used', 'YouTube Data API units spent in the current quota day', ['source']).set({ source: this.deps.name }, quota.used);
    // Videos no longer watched take their comment cursors with them.
    for (const key of Object.keys(next)) if (key.startsWith('comments:') && !(key.slice(9) in watched)) delete next[key];
    return { mentions, rejects, cursor: { streams: next, recent: recent.toJSON(), quota, videos: watched } };
  }
}
