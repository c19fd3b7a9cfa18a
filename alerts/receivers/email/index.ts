import nodemailer, { type Transporter } from 'nodemailer';
import { encode } from 'html-entities';
import { PermanentError, RetryableError, errorMessage } from '../../../core/errors.ts';
import type { Notification } from '../../types.ts';
import { alertLines, headline, plainText } from '../format.ts';
import type { Receiver, ReceiverDeps } from '../types.ts';
import type { ReceiverConfig } from '../../config.ts';

const esc = (s: string) => encode(s, { mode: 'specialChars', level: 'html5' });
const safeHref = (u: string) => (/^https?:\/\//i.test(u) ? esc(u) : '#');

/** HTML body: every piece of user text goes through `esc`, links only http(s). */
export function emailHtml(n: Notification): string {
  const parts: string[] = [`<h2>${esc(headline(n))}</h2>`];
  for (const a of n.alerts) {
    const l = alertLines(a);
    parts.push(`<h3>${esc(l.title)}</h3><table>`);
    for (const [k, v] of l.facts) parts.push(`<tr><th align="left">${esc(k)}</th><td>${esc(v)}</td></tr>`);
    parts.push('</table>');
    if (a.explanation.summary) parts.push(`<p>${esc(a.explanation.summary)}</p>`);
    if (l.terms) parts.push(`<p><b>Top terms:</b> ${esc(l.terms)}</p>`);
    if (l.authors) parts.push(`<p><b>Top authors:</b> ${esc(l.authors)}</p>`);
    if (l.samples) parts.push(`<p><b>Sample mentions:</b> ${esc(l.samples)}</p>`);
    const links = [
      a.ackUrl && a.status === 'firing' ? `<a href="${safeHref(a.ackUrl)}">Acknowledge</a>` : '',
      a.resolveUrl && a.status !== 'resolved' ? `<a href="${safeHref(a.resolveUrl)}">Resolve</a>` : '',
      a.url ? `<a href="${safeHref(a.url)}">Evidence</a>` : '',
    ].filter(Boolean);
    if (links.length) parts.push(`<p>${links.join(' · ')}</p>`);
  }
  return `<!doctype html><html><body>${parts.join('\n')}</body></html>`;
}

/** SMTP 4xx and connection trouble are worth retrying; 5xx and bad credentials are not. */
export function classifySmtp(err: unknown): Error {
  const e = err as { responseCode?: number; code?: string };
  const msg = `smtp: ${errorMessage(err)}`;
  if (e.code === 'EAUTH') return new PermanentError(msg, { code: 'auth_failed', cause: err });
  if (typeof e.responseCode === 'number' && e.responseCode >= 500) return new PermanentError(msg, { code: `smtp_${e.responseCode}`, cause: err });
  return new RetryableError(msg, { code: e.responseCode ? `smtp_${e.responseCode}` : 'network', cause: err });
}

type EmailConfig = Extract<ReceiverConfig, { type: 'email' }>;

/** `transport` is for tests (nodemailer's own streamTransport); by default SMTP from the config. */
export function emailReceiver(cfg: EmailConfig, _deps: ReceiverDeps, transport?: Transporter): Receiver {
  const t =
    transport ??
    nodemailer.createTransport({
      host: cfg.smtp.host,
      port: cfg.smtp.port,
      secure: cfg.smtp.secure,
      ...(cfg.smtp.user ? { auth: { user: cfg.smtp.user, pass: cfg.smtp.password } } : {}),
    });
  return {
    name: cfg.name,
    type: 'email',
    async send(n) {
      try {
        await t.sendMail({
          from: cfg.from,
          to: cfg.to,
          subject: headline(n).replace(/[\r\n]+/g, ' '),
          text: plainText(n),
          html: emailHtml(n),
          messageId: `<${n.key.replace(/[^A-Za-z0-9.:-]/g, '_')}@earshot>`,
        });
      } catch (err) {
        throw classifySmtp(err);
      }
    },
  };
}
