import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ApiError } from '../../api/http.ts';
import type { ApiPlugin } from '../../api/server.ts';
import { errorMessage } from '../../core/errors.ts';
import { registerSecret } from '../../core/logger.ts';
import { toMention } from '../../core/mention.ts';
import { enqueueMentions, mentionsQueue } from '../../pipeline/queue.ts';
import { payloadOf } from '../payload.ts';
import { BodyError, parseWebhookBody } from './body.ts';
import { webhookOptions, type WebhookOptions } from './config.ts';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, verify } from './signature.ts';

/**
 * `POST /ingest/<source>`: signed pushes from vendors and partner feeds, for
 * every `type: webhook` source in config. Order of checks, each answered
 * before any item is queued:
 *   unknown source 404 → body over `maxBodyBytes` 413 (read no further) →
 *   timestamp/signature 401 → same signed request seen within the window 409
 *   (replay) → not JSON 400 with the line → more than `maxItems` 413 →
 *   queued (BullMQ job ids derived from the signature, so a concurrent
 *   duplicate collapses into the same jobs) → 202 with counts.
 * The seen-mark is written after queueing: a request that failed with 503
 * can be resent as it was.
 */

interface Endpoint {
  name: string;
  options: WebhookOptions;
}

declare module 'fastify' {
  interface FastifyRequest {
    webhookEndpoint?: Endpoint;
  }
}

function readCapped(req: FastifyRequest, payload: NodeJS.ReadableStream, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  const tooLarge = () => new ApiError(413, 'body_too_large', `request body is larger than ${limit} bytes (sources[].options.maxBodyBytes); split it into smaller requests`);
  if (Number.isFinite(declared) && declared > limit) return Promise.reject(tooLarge());
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    payload.on('data', (c: Buffer) => {
      if (done) return;
      size += c.length;
      if (size > limit) {
        done = true;
        reject(tooLarge());
        return;
      }
      chunks.push(c);
    });
    payload.on('end', () => !done && resolve(Buffer.concat(chunks)));
    payload.on('error', (e) => !done && reject(e));
  });
}

/** The plugin for `ApiDeps.plugins`; reads the webhook sources from `deps.config.sources`. */
export function webhookIngest(): ApiPlugin {
  return (app, { deps }) => {
    const endpoints = new Map<string, Endpoint>();
    for (const s of deps.config.sources) {
      if (s.type !== 'webhook' || !s.enabled) continue;
      const options = webhookOptions.parse(s.options);
      // A secret written into the YAML (not via ${ENV}) must not reach a log either.
      registerSecret(options.secret);
      endpoints.set(s.name, { name: s.name, options });
    }
    const queue = mentionsQueue(deps.redis, deps.prefix);
    const requests = deps.metrics.counter('earshot_webhook_requests_total', 'Webhook pushes by source and outcome', ['source', 'outcome']);
    const items = deps.metrics.counter('earshot_webhook_items_total', 'Items pushed to webhooks, accepted or rejected', ['source', 'outcome']);
    const count = (source: string, outcome: string) => requests.inc({ source: endpoints.has(source) ? source : '(unknown)', outcome });
    app.addHook('onClose', async () => queue.close());

    app.register(async (scope: FastifyInstance) => {
      // Our own parser for every content type: the signature is over the raw bytes, and the cap is per source.
      scope.removeAllContentTypeParsers();
      scope.addContentTypeParser('*', (req, payload, done) => {
        const ep = req.webhookEndpoint;
        if (!ep) return done(new ApiError(404, 'not_found', 'no such webhook source'), undefined);
        readCapped(req, payload, ep.options.maxBodyBytes).then((b) => done(null, b), (e: Error) => done(e, undefined));
      });
      scope.addHook('onRequest', async (req) => {
        const name = (req.params as { source?: string }).source ?? '';
        const ep = endpoints.get(name);
        if (!ep) {
          count(name, 'unknown_source');
          throw new ApiError(404, 'not_found', `no webhook source "${name.slice(0, 64)}"; configure one with type: webhook in sources:`);
        }
        req.webhookEndpoint = ep;
      });
      scope.addHook('onError', async (req, _reply, err) => {
        if (req.webhookEndpoint && err instanceof ApiError && err.status === 413) count(req.webhookEndpoint.name, 'too_large');
      });

      scope.post('/ingest/:source', { bodyLimit: 1024 ** 3 }, async (req, reply) => {
        const ep = req.webhookEndpoint!;
        const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
        const header = (h: string) => {
          const v = req.headers[h];
          return Array.isArray(v) ? v[0] : v;
        };
        const verdict = verify({
          secret: ep.options.secret, body: raw, timestamp: header(TIMESTAMP_HEADER), signature: header(SIGNATURE_HEADER),
          nowMs: deps.clock.now(), toleranceSeconds: ep.options.toleranceSeconds,
        });
        if (!verdict.ok) {
          count(ep.name, verdict.code);
          throw new ApiError(verdict.status, verdict.code, verdict.message);
        }
        const seenKey = `${deps.prefix}:webhook:seen:${ep.name}:${verdict.signature}`;
        if (await deps.redis.exists(seenKey)) {
          count(ep.name, 'replayed');
          throw new ApiError(409, 'replayed', 'this signed request was already accepted; sign each new request with a fresh timestamp');
        }
        let parsed: unknown[];
        try {
          parsed = parseWebhookBody(raw, req.headers['content-type']);
        } catch (err) {
          count(ep.name, 'invalid_json');
          if (err instanceof BodyError) throw new ApiError(400, 'invalid_json', err.message, { [`line ${err.line}`]: 'not JSON' });
          throw err;
        }
        if (parsed.length > ep.options.maxItems) {
          count(ep.name, 'too_many_items');
          throw new ApiError(413, 'too_many_items', `${parsed.length} items in one request; at most ${ep.options.maxItems} (sources[].options.maxItems)`);
        }
        const now = deps.clock.now();
        const accepted: unknown[] = [];
        const rejects: Array<{ reason: string; payload: string }> = [];
        const errors: Array<{ index: number; reason: string }> = [];
        parsed.forEach((item, index) => {
          const withSource = item && typeof item === 'object' && !Array.isArray(item) && !('source' in item) ? { ...item, source: ep.name } : item;
          try {
            toMention(withSource, { now, maxTextLength: deps.config.pipeline.maxTextLength });
            accepted.push(withSource);
          } catch (err) {
            const reason = `item ${index}: ${errorMessage(err)}`;
            rejects.push({ reason, payload: payloadOf(item) });
            if (errors.length < 20) errors.push({ index, reason: errorMessage(err) });
          }
        });
        const source = `webhook:${ep.name}`;
        try {
          await enqueueMentions(queue, { source, items: accepted, rejects, receivedAt: now }, {
            batchSize: deps.config.pipeline.batchSize, attempts: deps.config.pipeline.attempts,
            // BullMQ job ids may not contain ":".
            idBase: `webhook-${ep.name}|${createHash('sha256').update(verdict.signature).digest('hex').slice(0, 32)}`,
          });
          await deps.redis.set(seenKey, '1', 'EX', ep.options.toleranceSeconds * 2);
        } catch (err) {
          count(ep.name, 'queue_unavailable');
          deps.logger.error('webhook push could not be queued', { source: ep.name, error: errorMessage(err) });
          throw new ApiError(503, 'unavailable', 'could not queue the mentions; resend the same request later', undefined, { 'retry-after': '30' });
        }
        count(ep.name, 'accepted');
        items.inc({ source: ep.name, outcome: 'accepted' }, accepted.length);
        items.inc({ source: ep.name, outcome: 'rejected' }, rejects.length);
        return reply.code(202).send({ source: ep.name, received: parsed.length, accepted: accepted.length, rejected: rejects.length, errors });
      });
    });
  };
}
