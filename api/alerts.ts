import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { parseDuration } from '../config/duration.ts';
import type { AlertService } from '../alerts/service.ts';
import type { Clock } from '../core/clock.ts';
import type { Store } from '../core/store/clickhouse.ts';
import type { Auth } from './auth.ts';
import { ApiError, parse, requireRole } from './http.ts';

const SEVERITIES = ['info', 'warning', 'critical', 'crisis'] as const;
const listQuery = z
  .object({
    status: z.enum(['firing', 'acknowledged', 'resolved']).optional(),
    brand: z.string().max(200).optional(),
    severity: z.enum(SEVERITIES).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(50),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .strict();
const idParams = z.object({ id: z.string().min(1).max(128) });
const silenceBody = z
  .object({
    matchers: z
      .array(
        z.object({ name: z.string().min(1).max(100), op: z.enum(['=', '!=', '=~', '!~']).default('='), value: z.string().max(500) }).strict(),
      )
      .min(1, 'give at least one matcher, e.g. {"name":"brand","op":"=","value":"Acme"}')
      .max(20),
    /** ISO start; default now. */
    startsAt: z.string().optional(),
    /** ISO end, or `duration` from the start. */
    endsAt: z.string().optional(),
    duration: z.string().optional(),
    comment: z.string({ error: 'required: say why the alerts are silenced' }).trim().min(1, 'required: say why the alerts are silenced').max(500),
  })
  .strict();
const emptyBody = z.object({}).strict();

export interface SampleMention {
  id: string;
  source: string;
  url: string;
  text: string;
  author: string;
  publishedAt: string;
}

/** The sample mentions an explanation names, so the page can show them (text is hostile: the page renders it as text). */
export async function sampleMentions(store: Store, ids: readonly string[]): Promise<SampleMention[]> {
  if (!ids.length) return [];
  const rows = await store.query<{ id: string; source: string; url: string; text: string; author_name: string; published_at: string }>(
    `SELECT id, any(source) AS source, any(url) AS url, substring(any(text), 1, 1000) AS text, any(author_name) AS author_name,
            toString(any(published_at)) AS published_at
     FROM mentions WHERE id IN {ids:Array(String)} GROUP BY id LIMIT 20`,
    { ids: ids.slice(0, 20) },
  );
  return rows.map((r) => ({ id: r.id, source: r.source, url: r.url, text: r.text, author: r.author_name, publishedAt: r.published_at.replace(' ', 'T') + 'Z' }));
}

/** Alert endpoints; coded only against AlertService, answering 503 when no alerting runs. */
export function registerAlertRoutes(
  app: FastifyInstance,
  ctx: { auth: Auth; alerts: AlertService | undefined; store: Store; clock: Clock; rateLimitPerMinute: number },
): void {
  const rl = ctx.rateLimitPerMinute;
  const service = (): AlertService => {
    if (!ctx.alerts) throw new ApiError(503, 'alerts_unavailable', 'alerting is not running in this process; start earshot with alerts configured');
    return ctx.alerts;
  };
  const actor = (req: FastifyRequest) => req.principal?.name ?? 'unknown';
  const guard = (p: Parameters<typeof requireRole>[1]) => requireRole(ctx.auth, p, rl);

  app.get('/api/alerts', { preHandler: guard('alerts:read') }, async (req) => {
    const q = parse(listQuery, req.query);
    const res = await service().list(q);
    return { ...res, limit: q.limit, offset: q.offset };
  });

  app.get('/api/alerts/:id', { preHandler: guard('alerts:read') }, async (req) => {
    const { id } = parse(idParams, req.params);
    const alert = await service().get(id);
    if (!alert) throw new ApiError(404, 'not_found', `no alert "${id}"`);
    return { ...alert, samples: await sampleMentions(ctx.store, alert.explanation.sampleMentionIds ?? []) };
  });

  app.post('/api/alerts/:id/ack', { preHandler: guard('alerts:ack') }, async (req) => {
    const { id } = parse(idParams, req.params);
    parse(emptyBody, req.body);
    return service().acknowledge(id, actor(req));
  });

  app.post('/api/alerts/:id/resolve', { preHandler: guard('alerts:resolve') }, async (req) => {
    const { id } = parse(idParams, req.params);
    parse(emptyBody, req.body);
    return service().resolve(id, actor(req));
  });

  app.get('/api/silences', { preHandler: guard('alerts:read') }, async () => ({ items: await service().listSilences() }));

  app.post('/api/silences', { preHandler: guard('alerts:silence') }, async (req, reply: FastifyReply) => {
    const b = parse(silenceBody, req.body);
    const fields: Record<string, string> = {};
    const start = b.startsAt ? Date.parse(b.startsAt) : ctx.clock.now();
    if (!Number.isFinite(start)) fields.startsAt = 'not an ISO time, e.g. 2026-03-02T15:00:00Z';
    let end = NaN;
    if (b.endsAt) {
      end = Date.parse(b.endsAt);
      if (!Number.isFinite(end)) fields.endsAt = 'not an ISO time, e.g. 2026-03-02T18:00:00Z';
    } else if (b.duration) {
      try {
        end = start + parseDuration(b.duration);
      } catch (err) {
        fields.duration = (err as Error).message;
      }
    } else fields.endsAt = 'give "endsAt" (ISO time) or "duration" (e.g. "2h")';
    for (const [i, m] of b.matchers.entries()) {
      if (m.op === '=~' || m.op === '!~') {
        try {
          new RegExp(m.value);
        } catch {
          fields[`matchers.${i}.value`] = 'not a valid regular expression';
        }
      }
    }
    if (!fields.endsAt && !fields.duration && Number.isFinite(end) && end <= Math.max(start, ctx.clock.now())) fields.endsAt = 'must be after the start and in the future';
    if (Object.keys(fields).length) throw new ApiError(400, 'invalid_request', 'the request has invalid fields', fields);
    const silence = await service().createSilence({
      matchers: b.matchers,
      startsAt: new Date(start).toISOString(),
      endsAt: new Date(end).toISOString(),
      createdBy: actor(req),
      comment: b.comment,
    });
    return reply.code(201).send(silence);
  });

  app.delete('/api/silences/:id', { preHandler: guard('alerts:silence') }, async (req, reply: FastifyReply) => {
    const { id } = parse(idParams, req.params);
    await service().expireSilence(id, actor(req));
    return reply.code(204).send();
  });
}
