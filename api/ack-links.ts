import type { FastifyInstance, FastifyReply } from 'fastify';
import { encode } from 'html-entities';
import type { AlertService } from '../alerts/service.ts';
import { errorMessage } from '../core/errors.ts';
import type { Auth } from './auth.ts';

/**
 * One-click links from notifications: `GET /a/<token>` only shows what the
 * link would do and a button; the `POST` does it. Link-preview bots and mail
 * scanners follow GETs, so a GET never changes state. The signed token is the
 * credential (checked by AlertService.verifyActionLink); requests are rate
 * limited per client address.
 */
function page(reply: FastifyReply, status: number, title: string, body: string): FastifyReply {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<meta name="referrer" content="no-referrer"><title>${encode(title)} · earshot</title><link rel="stylesheet" href="/style.css"></head>
<body class="ack-page"><main><h1>${encode(title)}</h1>${body}</main></body></html>`;
  return reply.code(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(html);
}

const ACTION_WORD = { ack: 'Acknowledge', resolve: 'Resolve' } as const;

export function registerAckLinks(app: FastifyInstance, ctx: { auth: Auth; alerts: AlertService | undefined; rateLimitPerMinute: number }): void {
  const limited = async (ip: string, reply: FastifyReply): Promise<boolean> => {
    const rl = await ctx.auth.hit(`ip:${ip}`, ctx.rateLimitPerMinute);
    if (rl.allowed) return false;
    void page(reply.header('retry-after', String(rl.retryAfterS)), 429, 'Too many requests', `<p>Try again in ${rl.retryAfterS} s.</p>`);
    return true;
  };
  const invalid = (reply: FastifyReply) =>
    page(reply, 404, 'Link not valid', '<p>This link is invalid or has expired. Open the alert in earshot instead.</p>');

  app.get<{ Params: { token: string } }>('/a/:token', async (req, reply) => {
    if (await limited(req.ip, reply)) return reply;
    if (!ctx.alerts) return page(reply, 503, 'Alerting unavailable', '<p>Alerting is not running; try again later.</p>');
    const link = req.params.token.length <= 2048 ? ctx.alerts.verifyActionLink(req.params.token) : null;
    if (!link) return invalid(reply);
    const alert = await ctx.alerts.get(link.alertId);
    if (!alert) return invalid(reply);
    const word = ACTION_WORD[link.action];
    return page(
      reply,
      200,
      `${word} alert?`,
      `<p class="alert-title">${encode(alert.title)}</p>
<p>Brand <b>${encode(alert.brand)}</b> · severity <b>${encode(alert.severity)}</b> · status <b>${encode(alert.status)}</b> · fired ${encode(alert.firedAt)}</p>
<form method="post" action="/a/${encodeURIComponent(req.params.token)}"><button type="submit">${word} as ${encode(link.actor)}</button></form>`,
    );
  });

  app.post<{ Params: { token: string } }>('/a/:token', async (req, reply) => {
    if (await limited(req.ip, reply)) return reply;
    if (!ctx.alerts) return page(reply, 503, 'Alerting unavailable', '<p>Alerting is not running; try again later.</p>');
    const link = req.params.token.length <= 2048 ? ctx.alerts.verifyActionLink(req.params.token) : null;
    if (!link) return invalid(reply);
    try {
      const alert = link.action === 'ack' ? await ctx.alerts.acknowledge(link.alertId, link.actor) : await ctx.alerts.resolve(link.alertId, link.actor);
      return page(reply, 200, link.action === 'ack' ? 'Acknowledged' : 'Resolved', `<p class="alert-title">${encode(alert.title)}</p><p>Status: <b>${encode(alert.status)}</b>. Escalation stops.</p>`);
    } catch (err) {
      return page(reply, 409, 'Not done', `<p>${encode(errorMessage(err))}</p>`);
    }
  });

  // Forms post urlencoded; the body is unused (the token in the path is the credential).
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 4096 }, (_req, _body, done) => done(null, {}));
}
