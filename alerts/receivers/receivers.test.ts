import nodemailer, { type SendMailOptions, type Transporter } from 'nodemailer';
import { MockAgent } from 'undici';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../../core/clock.ts';
import { PermanentError, RetryableError } from '../../core/errors.ts';
import { silentLogger } from '../../core/logger.ts';
import type { Notification } from '../types.ts';
import { emailReceiver } from './email/index.ts';
import { buildReceiver } from './index.ts';
import { pagerdutyEvents } from './pagerduty/index.ts';
import { slackPayload } from './slack/index.ts';
import { teamsPayload } from './teams/index.ts';
import { signBody } from './webhook/index.ts';

const hostile = '<script>alert(1)</script> & <@channel> [click](http://evil) *bold*';

const notification: Notification = {
  key: 'abc:esc1:hook', receiver: 'hook', reason: 'escalation', step: 1, orderKey: 'g', seq: 1, at: Date.parse('2026-03-02T10:00:00Z'),
  groupLabels: { brand: 'Acme' },
  alerts: [
    {
      id: 'abc', brand: 'Acme', kind: 'negative_share', severity: 'critical', status: 'firing', title: `Acme: ${hostile}`,
      labels: { brand: 'Acme' }, firedAt: '2026-03-02T09:55:00Z',
      explanation: {
        observed: 0.62, expected: 0.2, band: [0.1, 0.3], score: 0.99, windowStart: '2026-03-02T09:50:00Z', windowEnd: '2026-03-02T09:55:00Z',
        topTerms: ['boycott', hostile], sampleMentionIds: ['reddit:1'], topAuthors: [{ name: hostile, reach: 12000 }], summary: hostile,
      },
      ackUrl: 'https://earshot.example/a/tok-ack', resolveUrl: 'https://earshot.example/a/tok-res', url: 'https://earshot.example/alerts/abc',
    },
  ],
};

let agent: MockAgent;
const clock = new FakeClock('2026-03-02T10:00:00Z');
beforeEach(() => {
  agent = new MockAgent();
  agent.disableNetConnect();
});
afterEach(async () => {
  await agent.close();
});

const deps = () => ({ dispatcher: agent, clock, logger: silentLogger });

describe('payloads carry the explanation and the ack link, with user text escaped', () => {
  it('slack: Block Kit, mrkdwn-escaped, Acknowledge button', () => {
    const json = JSON.stringify(slackPayload(notification));
    expect(json).not.toContain('<script>');
    expect(json).not.toContain('<@channel>');
    expect(json).toContain('&lt;script&gt;');
    expect(json).toContain('boycott');
    expect(json).toContain('https://earshot.example/a/tok-ack');
    expect(json).toContain('62%');
  });

  it('teams: Adaptive Card with markdown escaped', () => {
    const card = teamsPayload(notification);
    const json = JSON.stringify(card);
    expect(json).toContain('application/vnd.microsoft.card.adaptive');
    expect(json).not.toContain('[click](http://evil)');
    expect(json).toContain('Action.OpenUrl');
  });

  it('pagerduty: one event per alert, dedup_key = alert id', () => {
    const [e] = pagerdutyEvents(notification, 'rk');
    expect(e).toMatchObject({ routing_key: 'rk', dedup_key: 'abc', event_action: 'trigger', payload: { severity: 'error' } });
  });

  it('email: HTML escaped, text part, links', async () => {
    const transport = nodemailer.createTransport({ streamTransport: true, buffer: true });
    const sent: string[] = [];
    const wrapped = { sendMail: async (m: SendMailOptions) => { const info = await transport.sendMail(m); sent.push(String(m.html)); return info; } } as unknown as Transporter;
    const rcv = emailReceiver({ name: 'mail', type: 'email', to: ['comms@example.com'], from: 'earshot@example.com', smtp: { host: 'x', port: 25, secure: false, user: '', password: '' } }, deps(), wrapped);
    await rcv.send(notification, AbortSignal.timeout(5000));
    expect(sent[0]).not.toContain('<script>');
    expect(sent[0]).toContain('&lt;script&gt;');
    expect(sent[0]).toContain('href="https://earshot.example/a/tok-ack"');
  });
});

describe('webhook delivery classifies answers', () => {
  const cfg = { name: 'hook', type: 'webhook' as const, url: 'https://hooks.example/in', secret: 'k', headers: {} };

  it('signs the body with HMAC-SHA256 over timestamp.body', async () => {
    let seen: { headers: Record<string, string>; body: string } | null = null;
    agent.get('https://hooks.example').intercept({ path: '/in', method: 'POST' }).reply((opts) => {
      seen = { headers: opts.headers as Record<string, string>, body: String(opts.body) };
      return { statusCode: 204, data: '' };
    });
    await buildReceiver(cfg, deps()).send(notification, AbortSignal.timeout(5000));
    expect(seen).not.toBeNull();
    const s = seen as unknown as { headers: Record<string, string>; body: string };
    expect(s.headers['x-earshot-signature']).toBe(signBody('k', Number(s.headers['x-earshot-timestamp']), s.body));
    expect(s.headers['idempotency-key']).toBe('abc:esc1:hook');
  });

  it('5xx and 429 are retryable, 4xx permanent', async () => {
    const pool = agent.get('https://hooks.example');
    pool.intercept({ path: '/in', method: 'POST' }).reply(503, 'down');
    pool.intercept({ path: '/in', method: 'POST' }).reply(429, 'slow', { headers: { 'retry-after': '7' } });
    pool.intercept({ path: '/in', method: 'POST' }).reply(404, 'no such hook');
    const rcv = buildReceiver(cfg, deps());
    await expect(rcv.send(notification, AbortSignal.timeout(5000))).rejects.toBeInstanceOf(RetryableError);
    await expect(rcv.send(notification, AbortSignal.timeout(5000))).rejects.toMatchObject({ retryAfterMs: 7000 });
    await expect(rcv.send(notification, AbortSignal.timeout(5000))).rejects.toBeInstanceOf(PermanentError);
  });

  it('slack posts to its incoming webhook', async () => {
    let body = '';
    agent.get('https://hooks.slack.com').intercept({ path: '/services/T/B/X', method: 'POST' }).reply((o) => {
      body = String(o.body);
      return { statusCode: 200, data: 'ok' };
    });
    await buildReceiver({ name: 's', type: 'slack', url: 'https://hooks.slack.com/services/T/B/X' }, deps()).send(notification, AbortSignal.timeout(5000));
    expect(JSON.parse(body)).toHaveProperty('blocks');
  });
});
