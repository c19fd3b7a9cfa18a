import { headline } from '../format.ts';
import type { ReceiverFactory } from '../types.ts';

/**
 * Writes the notification to the log and nothing else: the default playbook's
 * receivers, so alerts are visible (log, events table) before real ones are set up.
 */
export const logReceiver: ReceiverFactory<'log'> = (cfg, deps) => ({
  name: cfg.name,
  type: 'log',
  async send(n) {
    deps.logger.info('alert notification', {
      receiver: cfg.name, reason: n.reason, step: n.step, headline: headline(n), alerts: n.alerts.map((a) => a.id),
    });
  },
});
