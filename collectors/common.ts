import { z } from 'zod';
import { duration } from '../config/duration.ts';
import { errorCode, errorMessage } from '../core/errors.ts';
import {
  fetchBytes,
  fetchJson,
  fetchText,
  RequestBudget,
  safeUrl,
  withRetry,
  type HttpRequestOptions,
  type HttpResponse,
} from '../core/http.ts';
import type { CollectorDeps } from './types.ts';

/**
 * Options every HTTP collector accepts, with the same names and defaults.
 * A collector's own schema is `z.object({...own}).extend(httpOptions.shape)`
 * or `httpOptions.extend({...own})`.
 */
export const httpOptions = z.object({
  /** Requests per minute this source may make (token bucket). Default 60. */
  requestsPerMinute: z.number().positive().max(100_000).default(60),
  /** Timeout of one request. Default 15s. */
  timeout: duration().prefault('15s'),
  /** Attempts per request on 429/5xx/network errors, the first included. Default 4. */
  maxAttempts: z.number().int().min(1).max(20).default(4),
  /** First backoff ceiling; doubles per attempt, full jitter. Default 1s. */
  retryBaseDelay: duration().prefault('1s'),
  /** A server's Retry-After longer than this ends the run instead of waiting. Default 5m. */
  maxRetryAfter: duration().prefault('5m'),
  /** Largest response body accepted, in bytes. Default 10 MiB. */
  maxResponseBytes: z.number().int().min(1024).default(10 * 1024 * 1024),
  /** User-Agent header sent with every request. */
  userAgent: z.string().default('earshot/0.1 (+https://github.com/earshot/earshot)'),
});
export type HttpOptions = z.output<typeof httpOptions>;

/** How far back the first run (no cursor yet) reads. Default 7d. */
export const backfillWindow = () => duration().prefault('7d');
/** Upper bound of mentions one run returns; the rest wait for the next run. Default 500. */
export const maxItemsPerRun = () => z.number().int().min(1).max(100_000).default(500);

export interface SourceHttp {
  bytes(url: string, init: SourceRequest): Promise<HttpResponse>;
  text(url: string, init: SourceRequest): Promise<HttpResponse & { text: string }>;
  json<T = unknown>(url: string, init: SourceRequest): Promise<HttpResponse & { json: T | undefined }>;
}

export type SourceRequest = Omit<HttpRequestOptions, 'dispatcher' | 'timeoutMs' | 'maxBodyBytes' | 'clock'> & { signal: AbortSignal };

/**
 * A source's HTTP client: every request waits for the source's budget, is
 * retried on 429/5xx/network errors honouring Retry-After, and is counted in
 * `earshot_source_requests_total{source,outcome}` and retries in
 * `earshot_source_retries_total{source,code}`.
 */
export function createSourceHttp(deps: CollectorDeps, o: HttpOptions): SourceHttp {
  const budget = new RequestBudget(deps.clock, o.requestsPerMinute);
  const requests = deps.metrics.counter('earshot_source_requests_total', 'HTTP requests made by collectors', ['source', 'outcome']);
  const retries = deps.metrics.counter('earshot_source_retries_total', 'HTTP requests retried by collectors', ['source', 'code']);
  const call = <R>(url: string, init: SourceRequest, f: (u: string, opt: HttpRequestOptions) => Promise<R>): Promise<R> =>
    withRetry(
      async () => {
        await budget.take(init.signal);
        try {
          const r = await f(url, {
            ...init,
            headers: { 'user-agent': o.userAgent, ...init.headers },
            dispatcher: deps.dispatcher,
            timeoutMs: o.timeout,
            maxBodyBytes: o.maxResponseBytes,
            clock: deps.clock,
          });
          requests.inc({ source: deps.name, outcome: 'ok' });
          return r;
        } catch (err) {
          requests.inc({ source: deps.name, outcome: init.signal.aborted ? 'aborted' : errorCode(err) });
          throw err;
        }
      },
      {
        clock: deps.clock,
        signal: init.signal,
        maxAttempts: o.maxAttempts,
        baseMs: o.retryBaseDelay,
        maxRetryAfterMs: o.maxRetryAfter,
        onRetry: (err, attempt, delay) => {
          retries.inc({ source: deps.name, code: errorCode(err) });
          deps.logger.warn('request failed, retrying', {
            source: deps.name,
            url: safeUrl(url),
            attempt,
            delayMs: delay,
            error: errorMessage(err),
          });
        },
      },
    );
  return {
    bytes: (url, init) => call(url, init, fetchBytes),
    text: (url, init) => call(url, init, fetchText),
    json: <T>(url: string, init: SourceRequest) => call(url, init, (u, opt) => fetchJson<T>(u, opt)),
  };
}

/** Throws the abort reason when shutting down; collectors call it between pages. */
export function checkAborted(signal: AbortSignal): void {
  if (signal.aborted) throw signal.reason ?? new Error('aborted');
}
