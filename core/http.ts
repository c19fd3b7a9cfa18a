import { request, type Dispatcher } from 'undici';
import type { Clock } from './clock.ts';
import { EarshotError, PermanentError, RetryableError, errorMessage } from './errors.ts';

/**
 * The one HTTP layer every collector and receiver uses: undici with an injected
 * Dispatcher (tests pass a MockAgent), a timeout on every request, a cap on the
 * body size, and one answer to "retry or not?" for every response:
 *   2xx ok · 304 not modified · 429, 5xx, network errors, timeouts → RetryableError
 *   (with the server's advised wait) · 401/403 → PermanentError `auth_failed` ·
 *   other 4xx → PermanentError `http_<status>`.
 */

export interface HttpRequestOptions {
  dispatcher: Dispatcher;
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'HEAD' | 'PATCH';
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Shutdown: an abort rejects with the signal's reason, never with a RetryableError. */
  signal?: AbortSignal;
  /**
   * Whole-request timeout in ms (default 15000). Real time on purpose: it guards
   * sockets, not domain time, so a fake clock in tests must not fire it.
   */
  timeoutMs?: number;
  /** Responses larger than this fail with `response_too_large` (default 10 MiB). */
  maxBodyBytes?: number;
  /** Redirects followed (default 5); undici 7's `request` does not follow them itself. */
  maxRedirects?: number;
  /** For Retry-After given as an HTTP date. */
  clock?: Pick<Clock, 'now'>;
}

export interface HttpResponse {
  status: number;
  /** Lower-case header names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  body: Buffer;
  /** The URL finally answered, after redirects. */
  url: string;
  notModified: boolean;
}

const DEFAULT_TIMEOUT_MS = 15_000;
const DEFAULT_MAX_BODY = 10 * 1024 * 1024;

function flatHeaders(h: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h)) if (v !== undefined) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

/** Host and path only: query strings may carry API keys, and messages end up in logs and events. */
export function safeUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.origin}${u.pathname}`;
  } catch {
    return '(invalid url)';
  }
}

/**
 * The server's advised wait in ms: `Retry-After` (seconds or an HTTP date), else
 * the rate-limit reset headers (`x-ratelimit-reset`, `x-rate-limit-reset`,
 * `ratelimit-reset`: epoch seconds when large, else seconds from now).
 */
export function retryAfterMs(headers: Record<string, string>, now: number): number | undefined {
  const ra = headers['retry-after']?.trim();
  if (ra) {
    if (/^\d+(\.\d+)?$/.test(ra)) return Math.round(Number(ra) * 1000);
    const at = Date.parse(ra);
    if (Number.isFinite(at)) return Math.max(0, at - now);
  }
  for (const name of ['x-ratelimit-reset', 'x-rate-limit-reset', 'ratelimit-reset']) {
    const v = headers[name]?.trim();
    if (!v || !/^\d+(\.\d+)?$/.test(v)) continue;
    const n = Number(v);
    // Epoch seconds (GitHub, X) versus delta seconds (IETF draft, Reddit).
    return n > 1_000_000_000 ? Math.max(0, Math.round(n * 1000 - now)) : Math.round(n * 1000);
  }
  return undefined;
}

/**
 * Classifies a status: null for 2xx/304, otherwise the error to throw. Receivers
 * reuse this, so `detail` (a snippet of the body) is already in the message.
 */
export function classifyStatus(
  status: number,
  headers: Record<string, string>,
  context: { url: string; now: number; detail?: string },
): EarshotError | null {
  if ((status >= 200 && status < 300) || status === 304) return null;
  const where = `${safeUrl(context.url)} answered HTTP ${status}`;
  const detail = context.detail ? `: ${context.detail.replace(/\s+/g, ' ').trim().slice(0, 200)}` : '';
  if (status === 429 || status >= 500 || status === 408) {
    return new RetryableError(`${where}${detail}`, {
      code: status === 429 ? 'rate_limited' : `http_${status}`,
      retryAfterMs: retryAfterMs(headers, context.now),
    });
  }
  if (status === 401 || status === 403) {
    return new PermanentError(`${where} (credentials rejected)${detail}`, { code: 'auth_failed' });
  }
  return new PermanentError(`${where}${detail}`, { code: `http_${status}` });
}

async function readCapped(body: AsyncIterable<Buffer>, max: number, url: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.length;
    if (size > max) {
      throw new PermanentError(`${safeUrl(url)}: response larger than ${max} bytes`, { code: 'response_too_large' });
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

async function readHead(body: Dispatcher.ResponseData['body'], max: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body as AsyncIterable<Buffer>) {
    chunks.push(chunk);
    size += chunk.length;
    if (size >= max) {
      body.destroy();
      break;
    }
  }
  return Buffer.concat(chunks).subarray(0, max);
}

/** One request, classified. Throws RetryableError / PermanentError, or the abort reason on shutdown. */
export async function fetchBytes(url: string, options: HttpRequestOptions): Promise<HttpResponse> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxBody = options.maxBodyBytes ?? DEFAULT_MAX_BODY;
  const now = () => options.clock?.now() ?? Date.now();
  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(new Error('timeout')), timeoutMs);
  timer.unref?.();
  const signal = options.signal ? AbortSignal.any([options.signal, timeout.signal]) : timeout.signal;
  let current = url;
  try {
    for (let hop = 0; ; hop++) {
      let res: Dispatcher.ResponseData;
      try {
        res = await request(current, {
          dispatcher: options.dispatcher,
          method: options.method ?? 'GET',
          headers: options.headers,
          body: options.body,
          signal,
          headersTimeout: timeoutMs,
          bodyTimeout: timeoutMs,
        });
      } catch (err) {
        throw requestFailure(err, current, options.signal, timeout.signal, timeoutMs);
      }
      const headers = flatHeaders(res.headers);
      if ([301, 302, 303, 307, 308].includes(res.statusCode) && headers.location && hop < (options.maxRedirects ?? 5)) {
        await res.body.dump();
        current = new URL(headers.location, current).toString();
        continue;
      }
      let body: Buffer;
      try {
        // An error page is read only for its first bytes (the message); its size must not change the verdict.
        body = res.statusCode < 300 ? await readCapped(res.body, maxBody, current) : await readHead(res.body, 4096);
      } catch (err) {
        res.body.destroy();
        if (err instanceof EarshotError) throw err;
        throw requestFailure(err, current, options.signal, timeout.signal, timeoutMs);
      }
      const failure = classifyStatus(res.statusCode, headers, { url: current, now: now(), detail: res.statusCode >= 400 ? body.toString('utf8', 0, 300) : undefined });
      if (failure) throw failure;
      return { status: res.statusCode, headers, body, url: current, notModified: res.statusCode === 304 };
    }
  } finally {
    clearTimeout(timer);
  }
}

function requestFailure(err: unknown, url: string, outer: AbortSignal | undefined, timeout: AbortSignal, ms: number): unknown {
  if (outer?.aborted) return outer.reason ?? err;
  if (timeout.aborted) return new RetryableError(`${safeUrl(url)}: no answer within ${ms} ms`, { code: 'timeout', cause: err });
  return new RetryableError(`${safeUrl(url)}: ${errorMessage(err)}`, { code: 'network', cause: err });
}

/** Decodes a body by its `charset` (header), falling back to `fallback` or UTF-8; bad bytes become U+FFFD. */
export function decodeBody(body: Buffer, contentType: string | undefined, fallback?: string): string {
  const charset = /charset=["']?([\w.:-]+)/i.exec(contentType ?? '')?.[1] ?? fallback ?? 'utf-8';
  try {
    return new TextDecoder(charset.toLowerCase()).decode(body);
  } catch {
    return new TextDecoder('utf-8').decode(body);
  }
}

export async function fetchText(url: string, options: HttpRequestOptions): Promise<HttpResponse & { text: string }> {
  const res = await fetchBytes(url, options);
  return { ...res, text: decodeBody(res.body, res.headers['content-type']) };
}

/** JSON body; a 2xx that is not JSON is a PermanentError `invalid_json` (retrying returns the same). */
export async function fetchJson<T = unknown>(url: string, options: HttpRequestOptions): Promise<HttpResponse & { json: T | undefined }> {
  const res = await fetchText(url, {
    ...options,
    headers: { accept: 'application/json', ...options.headers },
  });
  if (res.notModified || res.text.length === 0) return { ...res, json: undefined };
  try {
    return { ...res, json: JSON.parse(res.text) as T };
  } catch (err) {
    throw new PermanentError(`${safeUrl(url)}: response is not JSON (${errorMessage(err).slice(0, 100)})`, { code: 'invalid_json', cause: err });
  }
}

export interface RetryOptions {
  clock: Clock;
  signal?: AbortSignal;
  /** Attempts in all, including the first (default 4). */
  maxAttempts?: number;
  /** First backoff ceiling in ms (default 1000); doubles per attempt, full jitter. */
  baseMs?: number;
  /** Backoff ceiling in ms (default 60000). */
  maxMs?: number;
  /** A server's Retry-After is honoured up to this many ms (default 300000); longer gives up. */
  maxRetryAfterMs?: number;
  /** Injectable for deterministic tests (default Math.random). */
  random?: () => number;
  onRetry?: (err: unknown, attempt: number, delayMs: number) => void;
}

/** The wait before attempt `attempt + 1`: the server's advice when given, else full-jitter backoff. */
export function backoffDelay(err: unknown, attempt: number, o: RetryOptions): number {
  const advised = err instanceof RetryableError ? err.retryAfterMs : undefined;
  if (advised !== undefined) return Math.min(advised, o.maxRetryAfterMs ?? 300_000);
  const ceiling = Math.min(o.maxMs ?? 60_000, (o.baseMs ?? 1000) * 2 ** (attempt - 1));
  return Math.floor((o.random ?? Math.random)() * ceiling);
}

/**
 * Runs `fn` until it succeeds, throws a non-retryable error, or `maxAttempts`
 * is reached. Waits on the injected clock; an abort stops waiting at once.
 */
export async function withRetry<T>(fn: (attempt: number) => Promise<T>, o: RetryOptions): Promise<T> {
  const max = o.maxAttempts ?? 4;
  for (let attempt = 1; ; attempt++) {
    if (o.signal?.aborted) throw o.signal.reason ?? new Error('aborted');
    try {
      return await fn(attempt);
    } catch (err) {
      if (o.signal?.aborted) throw o.signal.reason ?? err;
      if (!(err instanceof RetryableError) || attempt >= max) throw err;
      const advised = err.retryAfterMs;
      if (advised !== undefined && advised > (o.maxRetryAfterMs ?? 300_000)) throw err;
      const delay = backoffDelay(err, attempt, o);
      o.onRetry?.(err, attempt, delay);
      await o.clock.sleep(delay, o.signal);
    }
  }
}

/**
 * A per-source request budget: a token bucket refilled on the injected clock.
 * `take()` waits for a token, so a source never exceeds its quota even when a
 * run paginates hard.
 */
export class RequestBudget {
  private tokens: number;
  private last: number;
  private readonly perMs: number;

  constructor(
    private readonly clock: Clock,
    /** Requests per minute, sustained. */
    perMinute: number,
    /** Requests allowed back to back (default: a tenth of a minute's worth, at least 1). */
    private readonly burst = Math.max(1, Math.ceil(perMinute / 10)),
  ) {
    this.perMs = perMinute / 60_000;
    this.tokens = burst;
    this.last = clock.now();
  }

  private refill(): void {
    const now = this.clock.now();
    this.tokens = Math.min(this.burst, this.tokens + (now - this.last) * this.perMs);
    this.last = now;
  }

  async take(signal?: AbortSignal): Promise<void> {
    for (;;) {
      this.refill();
      if (this.tokens >= 1) {
        this.tokens -= 1;
        return;
      }
      await this.clock.sleep(Math.ceil((1 - this.tokens) / this.perMs), signal);
    }
  }
}
