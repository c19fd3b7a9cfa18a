import { request } from 'undici';
import { PermanentError, RetryableError, errorCode, errorMessage } from '../../core/errors.ts';
import { RequestBudget, classifyStatus, safeUrl, withRetry } from '../../core/http.ts';
import type { HttpOptions } from '../common.ts';
import type { CollectorDeps } from '../types.ts';

/**
 * Graph API requests. core/http classifies by HTTP status alone, but Graph
 * answers most failures with 400 and says what happened in
 * `{error:{message, type, code, error_subcode, fbtrace_id}}`, so this client
 * reads that body:
 *   code 190 (expired/invalid token), 102, 10 and 200–299 (permissions) →
 *     PermanentError `auth_failed` naming `accessToken`;
 *   code 4, 17, 32, 613, 80001–80014 (app/user/page/BUC rate limits) →
 *     RetryableError `rate_limited`, waiting `estimated_time_to_regain_access`
 *     from `x-business-use-case-usage` when given, else `rateLimitWait`;
 *   code 1, 2 (transient) → RetryableError;
 *   anything else → core/http's classification by status.
 * Usage headers (`x-app-usage`, `x-page-usage`, `x-business-use-case-usage`)
 * report percentages of the hourly quota; at `usageThreshold` or above, every
 * further request of the source first waits `usageCooldown` (fake-clock
 * testable), so a busy page slows down before Graph starts refusing.
 */

export interface GraphError {
  message: string;
  type?: string;
  code?: number;
  subcode?: number;
  fbtrace?: string;
}

export function graphError(body: string): GraphError | null {
  try {
    const e = (JSON.parse(body) as { error?: Record<string, unknown> }).error;
    if (!e || typeof e !== 'object') return null;
    return {
      message: typeof e.message === 'string' ? e.message.slice(0, 300) : 'unknown Graph API error',
      type: typeof e.type === 'string' ? e.type : undefined,
      code: typeof e.code === 'number' ? e.code : undefined,
      subcode: typeof e.error_subcode === 'number' ? e.error_subcode : undefined,
      fbtrace: typeof e.fbtrace_id === 'string' ? e.fbtrace_id : undefined,
    };
  } catch {
    return null;
  }
}

/** The highest usage percentage in Graph's usage headers, and the advised wait (ms) if any. */
export function usageOf(headers: Record<string, string>): { percent: number; regainMs?: number } {
  let percent = 0;
  let regainMs: number | undefined;
  const scan = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(scan);
    else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        if (typeof x === 'number' && ['call_count', 'total_cputime', 'total_time', 'acc_id_util_pct'].includes(k)) percent = Math.max(percent, x);
        else if (k === 'estimated_time_to_regain_access' && typeof x === 'number' && x > 0) regainMs = Math.max(regainMs ?? 0, x * 60_000);
        else scan(x);
      }
    }
  };
  for (const h of ['x-app-usage', 'x-page-usage', 'x-business-use-case-usage', 'x-ad-account-usage']) {
    const raw = headers[h];
    if (!raw) continue;
    try {
      scan(JSON.parse(raw));
    } catch {
      // A malformed usage header says nothing; ignore it.
    }
  }
  return { percent, regainMs };
}

export function classifyGraph(status: number, headers: Record<string, string>, body: string, url: string, now: number, rateLimitWait: number): Error | null {
  if (status >= 200 && status < 300) return null;
  const e = graphError(body);
  const where = `${safeUrl(url)} answered HTTP ${status}`;
  if (e?.code !== undefined) {
    const what = `Graph error ${e.code}${e.subcode ? `/${e.subcode}` : ''} (${e.type ?? 'error'}): ${e.message}${e.fbtrace ? ` [fbtrace ${e.fbtrace}]` : ''}`;
    if (e.code === 190 || e.code === 102 || e.code === 10 || (e.code >= 200 && e.code <= 299)) {
      return new PermanentError(`${where}; ${what}`, { code: 'auth_failed' });
    }
    if ([4, 17, 32, 613].includes(e.code) || (e.code >= 80001 && e.code <= 80014)) {
      return new RetryableError(`${where}; ${what}`, { code: 'rate_limited', retryAfterMs: usageOf(headers).regainMs ?? rateLimitWait });
    }
    if (e.code === 1 || e.code === 2) return new RetryableError(`${where}; ${what}`, { code: `graph_${e.code}` });
  }
  return classifyStatus(status, headers, { url, now, detail: body.slice(0, 300) });
}

export interface GraphOptions extends HttpOptions {
  /** Wait after a rate-limit error without advice. */
  rateLimitWait: number;
  /** Usage percentage from which requests are slowed. */
  usageThreshold: number;
  /** Wait before each request while usage is at or above the threshold. */
  usageCooldown: number;
}

export class GraphClient {
  private readonly budget: RequestBudget;
  private hot = false;

  constructor(
    private readonly deps: CollectorDeps,
    private readonly o: GraphOptions,
  ) {
    this.budget = new RequestBudget(deps.clock, o.requestsPerMinute);
  }

  /** GET a Graph URL (the token goes in the Authorization header, never in the logged URL). */
  async get(url: string, token: string, signal: AbortSignal): Promise<unknown> {
    const requests = this.deps.metrics.counter('earshot_source_requests_total', 'HTTP requests made by collectors', ['source', 'outcome']);
    const retries = this.deps.metrics.counter('earshot_source_retries_total', 'HTTP requests retried by collectors', ['source', 'code']);
    return withRetry(
      async () => {
        if (this.hot) await this.deps.clock.sleep(this.o.usageCooldown, signal);
        await this.budget.take(signal);
        try {
          const r = await this.once(url, token, signal);
          requests.inc({ source: this.deps.name, outcome: 'ok' });
          return r;
        } catch (err) {
          requests.inc({ source: this.deps.name, outcome: signal.aborted ? 'aborted' : errorCode(err) });
          throw err;
        }
      },
      {
        clock: this.deps.clock, signal, maxAttempts: this.o.maxAttempts, baseMs: this.o.retryBaseDelay, maxRetryAfterMs: this.o.maxRetryAfter,
        onRetry: (err, attempt, delayMs) => {
          retries.inc({ source: this.deps.name, code: errorCode(err) });
          this.deps.logger.warn('request failed, retrying', { source: this.deps.name, url: safeUrl(url), attempt, delayMs, error: errorMessage(err) });
        },
      },
    );
  }

  private async once(url: string, token: string, signal: AbortSignal): Promise<unknown> {
    const timeout = AbortSignal.timeout(this.o.timeout);
    let res;
    try {
      res = await request(url, {
        dispatcher: this.deps.dispatcher,
        headers: { authorization: `Bearer ${token}`, accept: 'application/json', 'user-agent': this.o.userAgent },
        signal: AbortSignal.any([signal, timeout]),
        headersTimeout: this.o.timeout,
        bodyTimeout: this.o.timeout,
      });
    } catch (err) {
      if (signal.aborted) throw signal.reason ?? err;
      throw new RetryableError(`${safeUrl(url)}: ${timeout.aborted ? `no answer within ${this.o.timeout} ms` : errorMessage(err)}`, { code: timeout.aborted ? 'timeout' : 'network', cause: err });
    }
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) headers[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const c of res.body as AsyncIterable<Buffer>) {
      size += c.length;
      if (size > this.o.maxResponseBytes) {
        res.body.destroy();
        throw new PermanentError(`${safeUrl(url)}: response larger than ${this.o.maxResponseBytes} bytes`, { code: 'response_too_large' });
      }
      chunks.push(c);
    }
    const body = Buffer.concat(chunks).toString('utf8');
    const failure = classifyGraph(res.statusCode, headers, body, url, this.deps.clock.now(), this.o.rateLimitWait);
    // A refused request already waits its advised time; usage is judged on answers that went through.
    if (failure) throw failure;
    const usage = usageOf(headers);
    const wasHot = this.hot;
    this.hot = usage.percent >= this.o.usageThreshold;
    if (this.hot && !wasHot) this.deps.logger.warn('Graph API usage high; slowing down', { source: this.deps.name, percent: usage.percent });
    try {
      return JSON.parse(body) as unknown;
    } catch (err) {
      throw new PermanentError(`${safeUrl(url)}: response is not JSON`, { code: 'invalid_json', cause: err });
    }
  }
}
