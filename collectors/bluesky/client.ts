import { PermanentError } from '../../core/errors.ts';
import { createSourceHttp, type SourceHttp } from '../common.ts';
import { obj, str } from '../payload.ts';
import { collectStreams, searchQueries, type PageOut } from '../search-run.ts';
import type { CollectInput, CollectResult, Collector, CollectorDeps } from '../types.ts';
import type { BlueskyOptions } from './config.ts';
import { mapBlueskySearch } from './map.ts';

/**
 * Bluesky `app.bsky.feed.searchPosts` (`sort=latest`, `since=<ISO>`, paged by
 * `cursor`). With `identifier` + `appPassword` a session is created
 * (`com.atproto.server.createSession`) and the search goes through the PDS;
 * an expired access token is renewed by logging in again, once per request.
 */
export class BlueskyCollector implements Collector {
  private readonly http: SourceHttp;
  private readonly queries: string[];
  private session: string | null = null;

  constructor(
    private readonly o: BlueskyOptions,
    private readonly deps: CollectorDeps,
  ) {
    this.http = createSourceHttp(deps, o);
    this.queries = searchQueries(o.query, deps.brands, deps.name);
  }

  private async login(signal: AbortSignal): Promise<string> {
    const res = await this.http.json(`${this.o.service}/xrpc/com.atproto.server.createSession`, {
      method: 'POST',
      signal,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ identifier: this.o.identifier, password: this.o.appPassword }),
    });
    const jwt = str(obj(res.json)?.accessJwt);
    if (!jwt) throw new PermanentError('createSession answered without accessJwt', { code: 'auth_failed' });
    this.session = jwt;
    return jwt;
  }

  private async search(params: URLSearchParams, signal: AbortSignal): Promise<unknown> {
    if (!this.o.identifier) {
      return (await this.http.json(`${this.o.publicApiUrl}/xrpc/app.bsky.feed.searchPosts?${params}`, { signal })).json;
    }
    const url = `${this.o.service}/xrpc/app.bsky.feed.searchPosts?${params}`;
    const jwt = this.session ?? (await this.login(signal));
    try {
      return (await this.http.json(url, { signal, headers: { authorization: `Bearer ${jwt}` } })).json;
    } catch (err) {
      const expired = err instanceof PermanentError && (err.code === 'auth_failed' || /ExpiredToken|InvalidToken/.test(err.message));
      if (!expired) throw err;
      const fresh = await this.login(signal);
      return (await this.http.json(url, { signal, headers: { authorization: `Bearer ${fresh}` } })).json;
    }
  }

  private async page(q: string, cursor: string | null, since: number, signal: AbortSignal): Promise<PageOut> {
    const params = new URLSearchParams({ q, sort: 'latest', limit: String(this.o.limit), since: new Date(since).toISOString() });
    if (this.o.lang) params.set('lang', this.o.lang);
    if (cursor) params.set('cursor', cursor);
    let body: unknown;
    try {
      body = await this.search(params, signal);
    } catch (err) {
      // The public AppView refuses paging (`cursor`) to anonymous callers with a 403: keep the first page, say how to get more.
      if (!this.o.identifier && cursor && err instanceof PermanentError && err.code === 'auth_failed') {
        this.deps.logger.warn('bluesky: the public AppView refused the next page; set identifier and appPassword to read more than one page per run', { source: this.deps.name });
        return { mentions: [], rejects: [], skipped: 0, next: null };
      }
      throw err;
    }
    const out = mapBlueskySearch(body, this.deps.name);
    return { ...out, next: out.indexedAt.length ? out.cursor : null };
  }

  collect(input: CollectInput): Promise<CollectResult> {
    const authKeys = this.o.identifier ? 'identifier and appPassword' : 'identifier and appPassword (the public AppView refused an anonymous search)';
    return collectStreams(
      input,
      {
        source: this.deps.name, now: this.deps.clock.now(), backfillWindow: this.o.backfillWindow,
        maxPagesPerRun: this.o.maxPagesPerRun, maxItemsPerRun: this.o.maxItemsPerRun, authKeys,
      },
      this.queries.map((q) => ({ key: q, fetchPage: (t, since) => this.page(q, t, since, input.signal) })),
    );
  }
}
