import type { ReceiverConfig } from '../config.ts';
import { emailReceiver } from './email/index.ts';
import { logReceiver } from './log/index.ts';
import { pagerdutyReceiver } from './pagerduty/index.ts';
import { slackReceiver } from './slack/index.ts';
import { teamsReceiver } from './teams/index.ts';
import type { Receiver, ReceiverDeps } from './types.ts';
import { webhookReceiver } from './webhook/index.ts';

/** Receiver types, one line each. */
export const RECEIVER_TYPES = ['log', 'slack', 'teams', 'email', 'webhook', 'pagerduty'] as const;

export function buildReceiver(cfg: ReceiverConfig, deps: ReceiverDeps): Receiver {
  switch (cfg.type) {
    case 'log':
      return logReceiver(cfg, deps);
    case 'slack':
      return slackReceiver(cfg, deps);
    case 'teams':
      return teamsReceiver(cfg, deps);
    case 'email':
      return emailReceiver(cfg, deps);
    case 'webhook':
      return webhookReceiver(cfg, deps);
    case 'pagerduty':
      return pagerdutyReceiver(cfg, deps);
  }
}

export function buildReceivers(cfgs: readonly ReceiverConfig[], deps: ReceiverDeps): Map<string, Receiver> {
  return new Map(cfgs.map((c) => [c.name, buildReceiver(c, deps)]));
}
