import { PermanentError } from '../../core/errors.ts';
import type { MentionInput } from '../../core/mention.ts';
import { createSourceHttp, type SourceHttp } from '../common.ts';
import { obj, num, str } from '../payload.ts';
import { explainAuth, RecentIds, readStreams, runStream, searchQueries, type StreamCursor } from '../search-run.ts';
import type { CollectInput, CollectResult, Collector, CollectorDeps } from '../types.ts';
import type { RedditOptions } from './config.ts';
import { mapRedditListing } from './map.ts';

/**
 * Reddit over OAuth app-only auth (`grant_type=client_credentials`): posts from
 * `/search` (site-wide or per subreddit, `sort=new`) and, per subreddit, the
 * newest comments from `/r/<sub>/comments`. Listings page with `after`.
 */
export class RedditCollector implements Collector {
  private readonly http: SourceHttp;
  private token: { value: string; expiresAt: number } | null = null;
  private readonly queries: string[];

  constructor(
    private readonly o: RedditOptions,
    private readonly deps: CollectorDeps,
  ) {
    this.http = createSourceHttp(deps, o);
    this.queries = searchQueries(o.query, deps.brands, deps.name);
  }

  private async accessToken(signal: AbortSignal): Promise<string> {
    if (this.token && this.deps.clock.now() < this.token.expiresAt) return this.token.value;
    const basic = Buffer.from(`${this.o.clientId}:${this.o.clientSecret}`).toString('base64');
    const res = await this.http.json(this.o.tokenUrl, {
      method: 'POST',
      signal,
      headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials',
    });
    const body = obj(res.json);
    const value = str(body?.access_token);
    // Reddit answers a bad secret with 200 {"error": "invalid_grant"} or 401, depending on the app type.
    if (!value) throw new PermanentError(`Reddit token endpoint gave no access_token (${str(body?.error) ?? 'no error given'})`, { code: 'auth_failed' });
    // Renew a minute early so a token never expires mid-run.
    this.token = { value, expiresAt: this.deps.clock.now() + Math.max(60, (num(body?.expires_in) ?? 3600) - 60) * 1000 };
    return value;
  }

  private async listing(path: string, params: Record<string, string>, signal: AbortSignal) {
    const url = `${this.o.apiUrl}${path}?${new URLSearchParams({ ...params, limit: '100', raw_json: '0' })}`;
    let res;
    try {
      res = await this.http.json(url, { signal, headers: { authorization: `Bearer ${await this.accessToken(signal)}` } });
    } catch (err) {
      // An expired token (401) is renewed once; a rejected secret surfaces as auth_failed.
      if (err instanceof PermanentError && err.code === 'auth_failed' && this.token) {
        this.token = null;
        try {
          res = await this.http.json(url, { signal, headers: { authorization: `Bearer ${await this.accessToken(signal)}` } });
        } catch (again) {
          // A fresh token that still gets 403 is a private, quarantined or banned subreddit, not bad credentials.
          if (again instanceof PermanentError && again.code === 'auth_failed' && this.token && /HTTP 403/.test(again.message)) {
            throw new PermanentError(`${path}: access forbidden (private, quarantined or banned subreddit?); remove it from subreddits`, { code: 'forbidden', cause: again });
          }
          throw again;
        }
      } else throw err;
    }
    const page = mapRedditListing(res.json, this.deps.name);
    return { ...page, next: page.after };
  }

  async collect(input: CollectInput): Promise<CollectResult> {
    const prev = readStreams(input.cursor);
    const start = input.since ?? this.deps.clock.now() - this.o.backfillWindow;
    const streams: Array<[string, (token: string | null) => ReturnType<RedditCollector['listing']>]> = [];
    const subs = this.o.subreddits;
    for (const q of this.queries) {
      const path = subs.length ? `/r/${subs.join('+')}/search` : '/search';
      streams.push([`search:${q}`, (after) => this.listing(path, { q, sort: 'new', type: 'link', ...(subs.length ? { restrict_sr: '1' } : {}), ...(after ? { after } : {}) }, input.signal)]);
    }
    if (this.o.comments) for (const s of subs) streams.push([`comments:${s}`, (after) => this.listing(`/r/${s}/comments`, after ? { after } : {}, input.signal)]);

    const mentions: MentionInput[] = [];
    const rejects: NonNullable<CollectResult['rejects']> = [];
    const next: Record<string, StreamCursor> = { ...prev };
    const recent = new RecentIds(input.cursor);
    try {
      for (const [key, fetchPage] of streams) {
        let run;
        try {
          run = await runStream({ cursor: prev[key], start, force: input.since !== undefined, maxPages: this.o.maxPagesPerRun, maxItems: this.o.maxItemsPerRun - mentions.length, signal: input.signal, fetchPage });
        } catch (err) {
          // One forbidden subreddit is reported and counted; the other streams go on.
          if (!(err instanceof PermanentError && err.code === 'forbidden')) throw err;
          this.deps.logger.warn('reddit: stream skipped', { source: this.deps.name, stream: key, error: err.message });
          rejects.push({ reason: err.message, payload: key });
          continue;
        }
        recent.push(mentions, run.mentions);
        rejects.push(...run.rejects);
        next[key] = run.cursor;
      }
    } catch (err) {
      throw explainAuth(err, this.deps.name, 'clientId and clientSecret');
    }
    return { mentions, rejects, cursor: { streams: next, recent: recent.toJSON() } };
  }
}
