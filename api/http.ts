import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { EarshotError, ValidationError } from '../core/errors.ts';
import type { Logger } from '../core/logger.ts';
import { can, type Auth, type Permission, type Principal } from './auth.ts';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
}

/** An error with an HTTP status and the JSON body the client sees. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fields: Record<string, string> | undefined;
  readonly headers: Record<string, string>;
  constructor(status: number, code: string, message: string, fields?: Record<string, string>, headers: Record<string, string> = {}) {
    super(message);
    this.status = status;
    this.code = code;
    this.fields = fields;
    this.headers = headers;
  }
}

/** Validates a body or query; every problem is named by its field: `{"error":"invalid_request","fields":{...}}`. */
export function parse<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const r = schema.safeParse(value ?? {});
  if (r.success) return r.data;
  const fields: Record<string, string> = {};
  for (const i of r.error.issues) {
    const path = i.path.map(String).join('.') || '(body)';
    let msg = i.message;
    if (i.code === 'invalid_type' && /received undefined/.test(msg)) msg = 'required';
    if (i.code === 'unrecognized_keys') {
      for (const key of i.keys) fields[path === '(body)' ? key : `${path}.${key}`] = 'unknown field';
      continue;
    }
    fields[path] ??= msg;
  }
  throw new ApiError(400, 'invalid_request', 'the request has invalid fields', fields);
}

const STATUS: Record<string, number> = { not_found: 404, conflict: 409, forbidden: 403, invalid_input: 400 };

export function installErrorHandler(app: FastifyInstance, logger: Logger): void {
  app.setErrorHandler((err: unknown, req, reply) => {
    if (err instanceof ApiError) {
      void reply.code(err.status).headers(err.headers).send({ error: err.code, message: err.message, ...(err.fields ? { fields: err.fields } : {}) });
      return;
    }
    if (err instanceof ValidationError) {
      const field = err.field ?? '(body)';
      void reply.code(400).send({ error: 'invalid_request', message: err.message, fields: { [field]: err.message.replace(`${field}: `, '') } });
      return;
    }
    if (err instanceof EarshotError && STATUS[err.code]) {
      void reply.code(STATUS[err.code] ?? 400).send({ error: err.code, message: err.message });
      return;
    }
    const fe = err as { code?: string; statusCode?: number; message?: string };
    if (fe.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      void reply.code(413).send({ error: 'body_too_large', message: 'request body is larger than api.bodyLimit' });
      return;
    }
    if (typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
      void reply.code(fe.statusCode).send({ error: 'bad_request', message: fe.message ?? 'bad request' });
      return;
    }
    logger.error('api request failed', { method: req.method, route: req.routeOptions.url, error: err });
    void reply.code(500).send({ error: 'internal', message: 'internal error; see the server log' });
  });
  app.setNotFoundHandler((req, reply) => {
    void reply.code(404).send({ error: 'not_found', message: `no route ${req.method} ${req.url.split('?')[0]?.slice(0, 200)}` });
  });
}

/** Client address for the pre-login rate limit. */
function clientOf(req: FastifyRequest): string {
  return req.ip || 'unknown';
}

/**
 * A preHandler that requires a Bearer token with `permission`, and counts the
 * request against the token's rate limit (bad tokens count against the address).
 */
export function requireRole(auth: Auth, permission: Permission, limitPerMinute: number) {
  return async (req: FastifyRequest, _reply: FastifyReply): Promise<void> => {
    const header = req.headers.authorization ?? '';
    const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
    const principal = m?.[1] ? await auth.verify(m[1]) : null;
    const rl = await auth.hit(principal ? `t:${principal.id}` : `ip:${clientOf(req)}`, limitPerMinute);
    if (!rl.allowed) {
      throw new ApiError(429, 'rate_limited', `too many requests; retry in ${rl.retryAfterS} s`, undefined, { 'retry-after': String(rl.retryAfterS) });
    }
    if (!principal) {
      throw new ApiError(401, 'unauthorized', m ? 'unknown or revoked token' : 'send Authorization: Bearer <token> (create one with `earshot token create`)', undefined, {
        'www-authenticate': 'Bearer',
      });
    }
    if (!can(principal.role, permission)) {
      throw new ApiError(403, 'forbidden', `role ${principal.role} may not ${permission}`);
    }
    req.principal = principal;
  };
}
