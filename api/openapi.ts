import { ROLES, PERMISSIONS } from './auth.ts';

/**
 * The OpenAPI 3.1 description served at /openapi.json. Written by hand and
 * kept small: paths, parameters, bodies and which permission each needs.
 */
type Op = { summary: string; permission?: keyof typeof PERMISSIONS; params?: string[]; query?: string[]; body?: object; ok?: number };

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const str = { type: 'string' };

const OPS: Record<string, Record<string, Op>> = {
  '/healthz': { get: { summary: 'Store and Redis reachable: 200, else 503' } },
  '/metrics': { get: { summary: 'Prometheus metrics (text)' } },
  '/openapi.json': { get: { summary: 'This description' } },
  '/api/me': { get: { summary: 'The token\'s name, role and permissions', permission: 'care:read' } },
  '/api/care/items': {
    get: {
      summary: 'Care items by priority; default the open ones (new, claimed) that are not snoozed',
      permission: 'care:read',
      query: ['state', 'brand', 'source', 'language', 'intent', 'assignee', 'claimedBy', 'breached', 'snoozed', 'limit', 'offset'],
    },
  },
  '/api/care/stats': { get: { summary: 'Open items, overdue items, load per agent', permission: 'care:read' } },
  '/api/care/items/{id}': { get: { summary: 'One care item', permission: 'care:read', params: ['id'] } },
  '/api/care/items/{id}/claim': { post: { summary: 'Claim a new item (exactly one concurrent claimer wins; others get 409)', permission: 'care:work', params: ['id'] } },
  '/api/care/items/{id}/respond': { post: { summary: 'Mark answered (stops the SLA)', permission: 'care:work', params: ['id'], body: { note: str } } },
  '/api/care/items/{id}/resolve': { post: { summary: 'Close as resolved', permission: 'care:work', params: ['id'], body: { note: str } } },
  '/api/care/items/{id}/dismiss': { post: { summary: 'Close as not worth an answer', permission: 'care:work', params: ['id'], body: { reason: str } } },
  '/api/care/items/{id}/snooze': { post: { summary: 'Hide until a time (SLA keeps running)', permission: 'care:work', params: ['id'], body: { until: { type: 'string', format: 'date-time' }, for: { type: 'string', example: '30m' } } } },
  '/api/care/items/{id}/reassign': { post: { summary: 'Hand to another agent', permission: 'care:supervise', params: ['id'], body: { to: str } } },
  '/api/alerts': { get: { summary: 'Alerts', permission: 'alerts:read', query: ['status', 'brand', 'severity', 'limit', 'offset'] } },
  '/api/alerts/{id}': { get: { summary: 'One alert with its explanation and sample mentions', permission: 'alerts:read', params: ['id'] } },
  '/api/alerts/{id}/ack': { post: { summary: 'Acknowledge (stops escalation)', permission: 'alerts:ack', params: ['id'] } },
  '/api/alerts/{id}/resolve': { post: { summary: 'Resolve', permission: 'alerts:resolve', params: ['id'] } },
  '/api/silences': {
    get: { summary: 'Silences', permission: 'alerts:read' },
    post: {
      summary: 'Create a silence',
      permission: 'alerts:silence',
      ok: 201,
      body: { matchers: { type: 'array', items: ref('Matcher') }, startsAt: str, endsAt: str, duration: { type: 'string', example: '2h' }, comment: str },
    },
  },
  '/api/silences/{id}': { delete: { summary: 'Expire a silence', permission: 'alerts:silence', params: ['id'], ok: 204 } },
  '/api/brands': { get: { summary: 'Configured brands with their 24 h volume', permission: 'brands:read' } },
  '/api/brands/{brand}/overview': { get: { summary: 'Volume and sentiment series with alert markers', permission: 'brands:read', params: ['brand'], query: ['range'] } },
  '/a/{token}': {
    get: { summary: 'Signed notification link: confirm page (never changes state)', params: ['token'] },
    post: { summary: 'Signed notification link: do the action', params: ['token'] },
  },
};

export function openApiDocument(extra: Record<string, Record<string, Op>> = {}): object {
  const paths: Record<string, Record<string, object>> = {};
  for (const [path, ops] of Object.entries({ ...OPS, ...extra })) {
    paths[path] = {};
    for (const [method, op] of Object.entries(ops)) {
      const parameters = [
        ...(op.params ?? []).map((name) => ({ name, in: 'path', required: true, schema: str })),
        ...(op.query ?? []).map((name) => ({ name, in: 'query', required: false, schema: str })),
      ];
      const responses: Record<string, object> = { [String(op.ok ?? 200)]: { description: 'OK' } };
      if (op.body || op.params) responses['400'] = { description: 'Invalid request', content: { 'application/json': { schema: ref('Error') } } };
      if (op.permission) {
        responses['401'] = { description: 'No or unknown token' };
        responses['403'] = { description: `Role lacks ${op.permission}` };
        responses['429'] = { description: 'Rate limited; see Retry-After' };
      }
      paths[path][method] = {
        summary: op.summary,
        ...(op.permission ? { security: [{ bearer: [] }], 'x-permission': op.permission, 'x-roles': PERMISSIONS[op.permission] } : { security: [] }),
        ...(parameters.length ? { parameters } : {}),
        ...(op.body ? { requestBody: { content: { 'application/json': { schema: { type: 'object', properties: op.body } } } } } : {}),
        responses,
      };
    }
  }
  return {
    openapi: '3.1.0',
    info: { title: 'earshot API', version: '1', description: `Bearer tokens with roles: ${ROLES.join(', ')}.` },
    paths,
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: {
        Error: {
          type: 'object',
          properties: { error: str, message: str, fields: { type: 'object', additionalProperties: str } },
          example: { error: 'invalid_request', fields: { reason: 'required when dismissing' } },
        },
        Matcher: { type: 'object', properties: { name: str, op: { enum: ['=', '!=', '=~', '!~'] }, value: str } },
      },
    },
  };
}
