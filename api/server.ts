import Fastify, { type FastifyInstance } from 'fastify';
import type { Redis } from 'ioredis';
import type { AlertService } from '../alerts/service.ts';
import { createCareQueue, type CareQueue } from '../care/queue.ts';
import { registerCareRoutes } from '../care/routes.ts';
import type { Config } from '../config/load.ts';
import type { Clock } from '../core/clock.ts';
import type { Logger } from '../core/logger.ts';
import type { Metrics } from '../core/metrics.ts';
import type { Store } from '../core/store/clickhouse.ts';
import { registerAckLinks } from './ack-links.ts';
import { registerAlertRoutes } from './alerts.ts';
import { createAuth, permissionsOf, type Auth } from './auth.ts';
import { registerBrandRoutes } from './brands.ts';
import { installErrorHandler, requireRole } from './http.ts';
import { openApiDocument } from './openapi.ts';
import { registerWeb } from './web.ts';

export interface ApiDeps {
  config: Config;
  store: Store;
  redis: Redis;
  /** Redis key prefix (config `redis.prefix`). */
  prefix: string;
  metrics: Metrics;
  clock: Clock;
  logger: Logger;
  /** The alerting module; absent = alert routes answer 503. */
  alerts?: AlertService;
  /** The care queue; absent = one is made from the other deps, and its SLA timer runs while the server does. */
  care?: CareQueue;
  /** Routes other modules add (e.g. the webhook ingest's POST /ingest/<source>). */
  plugins?: ApiPlugin[];
}

export type ApiPlugin = (app: FastifyInstance, ctx: { auth: Auth; deps: ApiDeps }) => Promise<void> | void;

/**
 * Content-Security-Policy of every response: only our own scripts and styles,
 * no inline code, no framing. Mention text is hostile; this is the second wall
 * after rendering it with textContent.
 */
export const CSP = [
  "default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:", "connect-src 'self'",
  "object-src 'none'", "base-uri 'none'", "form-action 'self'", "frame-ancestors 'none'",
].join('; ');

/** Builds the API and web server; the caller does `app.listen({ host, port })` and `app.close()`. */
export async function createApiServer(deps: ApiDeps): Promise<FastifyInstance> {
  const { config, clock, logger, metrics } = deps;
  // Fastify's own logger stays off: it would log headers (tokens); errors go through core/logger.
  // Signed ack-link tokens are longer than fastify's default 100-character path parameter.
  const app = Fastify({ logger: false, bodyLimit: config.api.bodyLimit, trustProxy: false, return503OnClosing: true, routerOptions: { maxParamLength: 2048 } });
  const auth = createAuth({ redis: deps.redis, prefix: deps.prefix, clock });
  const ownCare = !deps.care;
  const care = deps.care ?? createCareQueue({ config, redis: deps.redis, store: deps.store, clock, prefix: deps.prefix, logger });
  const rl = config.api.rateLimitPerMinute;

  const requests = metrics.counter('earshot_api_requests_total', 'API requests by route, method and status', ['route', 'method', 'status']);
  const duration = metrics.histogram('earshot_api_request_seconds', 'API request duration', ['route'], [0.005, 0.02, 0.1, 0.5, 2]);
  const careOpen = metrics.gauge('earshot_care_open_items', 'Open care items (new or claimed)');
  const careOverdue = metrics.gauge('earshot_care_overdue_items', 'Open care items past their SLA');
  const careLoad = metrics.gauge('earshot_care_agent_items', 'Open care items held per agent', ['agent']);

  app.decorateRequest('principal', null);
  installErrorHandler(app, logger);
  app.addHook('onSend', async (_req, reply, payload) => {
    reply.header('content-security-policy', CSP);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
    reply.header('x-frame-options', 'DENY');
    if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    return payload;
  });
  app.addHook('onResponse', async (req, reply) => {
    const route = req.routeOptions.url ?? 'unmatched';
    requests.inc({ route, method: req.method, status: String(reply.statusCode) });
    duration.observe({ route }, reply.elapsedTime / 1000);
  });
  if (ownCare) {
    app.addHook('onReady', async () => care.start());
    app.addHook('onClose', async () => care.stop());
  }

  app.get('/healthz', async (_req, reply) => {
    const check = async (f: () => Promise<unknown>) => {
      try {
        await Promise.race([f(), new Promise((_, rej) => setTimeout(() => rej(new Error('timeout')), 3000).unref())]);
        return 'ok';
      } catch (err) {
        return `error: ${(err as Error).message}`.slice(0, 200);
      }
    };
    const [store, redis] = await Promise.all([check(() => deps.store.query('SELECT 1')), check(() => deps.redis.ping())]);
    const ok = store === 'ok' && redis === 'ok';
    return reply.code(ok ? 200 : 503).send({ status: ok ? 'ok' : 'unavailable', store, redis });
  });

  app.get('/metrics', async (_req, reply) => {
    try {
      const d = await care.depths();
      careOpen.set(d.open);
      careOverdue.set(d.breached);
      careLoad.reset();
      for (const [agent, n] of Object.entries(d.byAgent)) careLoad.set({ agent }, n);
    } catch (err) {
      logger.warn('care depths unavailable for /metrics', { error: err });
    }
    return reply.type(metrics.contentType).header('cache-control', 'no-store').send(await metrics.text());
  });

  app.get('/openapi.json', async () => openApiDocument());

  app.get('/api/me', { preHandler: requireRole(auth, 'care:read', rl) }, async (req) => {
    const p = req.principal!;
    return { name: p.name, role: p.role, permissions: permissionsOf(p.role) };
  });

  registerCareRoutes(app, { auth, care, clock, rateLimitPerMinute: rl });
  registerAlertRoutes(app, { auth, alerts: deps.alerts, store: deps.store, clock, rateLimitPerMinute: rl });
  registerBrandRoutes(app, { auth, store: deps.store, clock, brands: config.brands.map((b) => b.name), rateLimitPerMinute: rl });
  registerAckLinks(app, { auth, alerts: deps.alerts, rateLimitPerMinute: rl });
  registerWeb(app);
  for (const plugin of deps.plugins ?? []) await plugin(app, { auth, deps });
  return app;
}
