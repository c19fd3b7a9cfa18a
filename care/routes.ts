import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { parseDuration } from '../config/duration.ts';
import type { Clock } from '../core/clock.ts';
import { INTENT_NAMES } from '../core/mention.ts';
import { can, type Auth, type Principal } from '../api/auth.ts';
import { ApiError, parse, requireRole } from '../api/http.ts';
import type { Actor, CareQueue } from './queue.ts';
import { CARE_STATES, type CareState } from './types.ts';

const idParams = z.object({ id: z.string().min(1).max(64) });

const listQuery = z
  .object({
    /** Comma-separated states; default new,claimed. */
    state: z
      .string()
      .optional()
      .transform((s, ctx) => {
        const list = (s ?? '').split(',').map((x) => x.trim()).filter(Boolean);
        const bad = list.find((x) => !(CARE_STATES as readonly string[]).includes(x));
        if (bad) ctx.addIssue({ code: 'custom', message: `unknown state "${bad.slice(0, 30)}"; use ${CARE_STATES.join(', ')}` });
        return list as CareState[];
      }),
    brand: z.string().max(200).optional(),
    source: z.string().max(64).optional(),
    language: z.string().max(8).optional(),
    intent: z.enum(INTENT_NAMES).optional(),
    assignee: z.string().max(64).optional(),
    claimedBy: z.string().max(64).optional(),
    breached: z.enum(['true', 'false']).optional(),
    snoozed: z.enum(['true', 'false']).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(50),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .strict();

const noteBody = z.object({ note: z.string().max(2000).optional() }).strict();
const dismissBody = z.object({ reason: z.string({ error: 'required when dismissing' }).trim().min(1, 'required when dismissing').max(500) }).strict();
const snoozeBody = z
  .object({
    /** ISO time to snooze until. */
    until: z.string().optional(),
    /** Or a duration from now, e.g. "30m". */
    for: z.string().optional(),
  })
  .strict();
const reassignBody = z.object({ to: z.string({ error: 'required: the agent to hand the item to' }).trim().min(1).max(64) }).strict();

function actorOf(p: Principal | null): Actor {
  if (!p) throw new ApiError(401, 'unauthorized', 'no principal');
  return { name: p.name, override: can(p.role, 'care:supervise') };
}

/** The care queue endpoints under /api/care. */
export function registerCareRoutes(app: FastifyInstance, ctx: { auth: Auth; care: CareQueue; clock: Clock; rateLimitPerMinute: number }): void {
  const { care, auth } = ctx;
  const read = requireRole(auth, 'care:read', ctx.rateLimitPerMinute);
  const work = requireRole(auth, 'care:work', ctx.rateLimitPerMinute);
  const supervise = requireRole(auth, 'care:supervise', ctx.rateLimitPerMinute);

  app.get('/api/care/items', { preHandler: read }, async (req) => {
    const q = parse(listQuery, req.query);
    const res = await care.list({
      ...(q.state.length ? { state: q.state } : {}),
      ...(q.brand ? { brand: q.brand } : {}),
      ...(q.source ? { source: q.source } : {}),
      ...(q.language ? { language: q.language } : {}),
      ...(q.intent ? { intent: q.intent } : {}),
      ...(q.assignee ? { assignee: q.assignee } : {}),
      ...(q.claimedBy ? { claimedBy: q.claimedBy } : {}),
      ...(q.breached ? { breached: q.breached === 'true' } : {}),
      includeSnoozed: q.snoozed === 'true',
      limit: q.limit,
      offset: q.offset,
    });
    return { ...res, limit: q.limit, offset: q.offset, now: ctx.clock.now() };
  });

  app.get('/api/care/stats', { preHandler: read }, async () => care.depths());

  app.get('/api/care/items/:id', { preHandler: read }, async (req) => {
    const { id } = parse(idParams, req.params);
    const item = await care.get(id);
    if (!item) throw new ApiError(404, 'not_found', `no care item "${id}"`);
    return item;
  });

  app.post('/api/care/items/:id/claim', { preHandler: work }, async (req) => {
    const { id } = parse(idParams, req.params);
    parse(noteBody, req.body);
    return care.claim(id, actorOf(req.principal));
  });

  app.post('/api/care/items/:id/respond', { preHandler: work }, async (req) => {
    const { id } = parse(idParams, req.params);
    return care.respond(id, actorOf(req.principal), parse(noteBody, req.body).note);
  });

  app.post('/api/care/items/:id/resolve', { preHandler: work }, async (req) => {
    const { id } = parse(idParams, req.params);
    return care.resolve(id, actorOf(req.principal), parse(noteBody, req.body).note);
  });

  app.post('/api/care/items/:id/dismiss', { preHandler: work }, async (req) => {
    const { id } = parse(idParams, req.params);
    return care.dismiss(id, actorOf(req.principal), parse(dismissBody, req.body).reason);
  });

  app.post('/api/care/items/:id/snooze', { preHandler: work }, async (req) => {
    const { id } = parse(idParams, req.params);
    const b = parse(snoozeBody, req.body);
    let until: number;
    if (b.until !== undefined) {
      until = Date.parse(b.until);
      if (!Number.isFinite(until)) throw new ApiError(400, 'invalid_request', 'the request has invalid fields', { until: 'not an ISO time, e.g. 2026-03-02T15:00:00Z' });
    } else if (b.for !== undefined) {
      try {
        until = ctx.clock.now() + parseDuration(b.for);
      } catch (err) {
        throw new ApiError(400, 'invalid_request', 'the request has invalid fields', { for: (err as Error).message });
      }
    } else {
      throw new ApiError(400, 'invalid_request', 'the request has invalid fields', { until: 'give "until" (ISO time) or "for" (e.g. "30m")' });
    }
    return care.snooze(id, actorOf(req.principal), until);
  });

  app.post('/api/care/items/:id/reassign', { preHandler: supervise }, async (req) => {
    const { id } = parse(idParams, req.params);
    return care.reassign(id, actorOf(req.principal), parse(reassignBody, req.body).to);
  });
}
