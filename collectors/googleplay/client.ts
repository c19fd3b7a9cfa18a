import { PermanentError } from '../../core/errors.ts';
import { registerSecret } from '../../core/logger.ts';
import { createSourceHttp, type SourceHttp } from '../common.ts';
import { collectStreams, type PageOut } from '../search-run.ts';
import type { CollectInput, CollectResult, Collector, CollectorDeps } from '../types.ts';
import type { GoogleplayOptions } from './config.ts';
import { mapPlayPage } from './map.ts';
import { ServiceAccountToken } from './token.ts';

/**
 * Reviews of your own apps through the Google Play Developer API
 * (`reviews.list`), with a service account (JWT bearer flow). This is the
 * only documented, lawful API for Play reviews; earshot does not scrape the
 * store. The API returns the last 7 days of created or edited reviews, most
 * recently modified first.
 */
export class GoogleplayCollector implements Collector {
  private readonly http: SourceHttp;
  private readonly token: ServiceAccountToken;

  constructor(
    private readonly o: GoogleplayOptions,
    private readonly deps: CollectorDeps,
  ) {
    registerSecret(o.serviceAccount.privateKey);
    this.http = createSourceHttp(deps, o);
    this.token = new ServiceAccountToken(o.serviceAccount, this.http, deps.clock);
  }

  private async page(pkg: string, token: string | null, signal: AbortSignal): Promise<PageOut> {
    const params = new URLSearchParams({ maxResults: String(this.o.maxResults) });
    if (token) params.set('token', token);
    const url = `${this.o.apiUrl}/androidpublisher/v3/applications/${encodeURIComponent(pkg)}/reviews?${params}`;
    const get = (bearer: string) => this.http.json(url, { signal, headers: { authorization: `Bearer ${bearer}` } });
    const bearer = await this.token.get(signal);
    let res;
    try {
      res = await get(bearer);
    } catch (err) {
      // An access token revoked before its expiry: fetch a new one once.
      if (!(err instanceof PermanentError && err.code === 'auth_failed')) throw err;
      this.token.invalidate();
      res = await get(await this.token.get(signal));
    }
    const out = mapPlayPage(res.json ?? {}, this.deps.name, pkg);
    return { ...out, next: out.nextToken };
  }

  collect(input: CollectInput): Promise<CollectResult> {
    return collectStreams(
      input,
      {
        source: this.deps.name, now: this.deps.clock.now(), backfillWindow: this.o.backfillWindow,
        maxPagesPerRun: this.o.maxPagesPerRun, maxItemsPerRun: this.o.maxItemsPerRun, authKeys: 'serviceAccount (and its access to the apps in Play Console)',
      },
      this.o.packageNames.map((pkg) => ({ key: pkg, fetchPage: (t) => this.page(pkg, t, input.signal) })),
    );
  }
}
