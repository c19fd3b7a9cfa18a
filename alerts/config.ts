import { z } from 'zod';
import { duration } from '../config/duration.ts';
import { parseMatcher } from './matchers.ts';

/**
 * The crisis playbook: severities, triggers, the routing tree (Alertmanager's
 * shape), inhibition, silences, quiet hours, escalation and receivers. Every
 * option has a default, so the defaults are a complete, sensible playbook that
 * notifies `log` receivers until real ones are configured.
 */

export const SEVERITIES = ['info', 'warning', 'critical', 'crisis'] as const;
export type SeverityName = (typeof SEVERITIES)[number];
export const severityRank = (s: string): number => SEVERITIES.indexOf(s as SeverityName);
const severity = z.enum(SEVERITIES);

const matcherString = z.string().transform((v, ctx) => {
  try {
    return parseMatcher(v);
  } catch (err) {
    ctx.addIssue({ code: 'custom', message: (err as Error).message });
    return z.NEVER;
  }
});
const matchers = z.array(matcherString).default([]);

const METRICS = ['volume', 'negative_count', 'negative_share', 'crisis_count', 'reach_volume'] as const;
const metric = z.enum(METRICS);

/** A condition on another metric of the same series and window. */
const condition = z
  .object({
    metric,
    /** Minimum anomaly score. Default 0 (only the ratio and level count). */
    min_score: z.number().min(0).max(1).default(0),
    /** Minimum observed/expected ratio. Default 1. */
    min_ratio: z.number().min(0).default(1),
    /** Minimum observed value. Default 0. */
    min_observed: z.number().default(0),
  })
  .strict();

/**
 * A window's detection (pipeline/detect-spikes) turned into an alert at
 * `severity`. The alert kind is `alert`, or follows the metric: volume →
 * volume_spike, negative_count → negative_spike, negative_share →
 * negative_share, crisis_count → crisis_terms, reach_volume → reach_spike;
 * slow_burn for `detection: slow_burn`. Several rules of one alert kind: the
 * highest matching severity wins, and a rise re-notifies.
 */
const detectionTrigger = z
  .object({
    metric,
    /** Which windows: `short` (monitor.window) or `long` (monitor.long_window). Default short. */
    window: z.enum(['short', 'long']).default('short'),
    /** Which detections count: `spike` (sudden), `slow_burn` (sustained shift) or `any`. Default any. */
    detection: z.enum(['spike', 'slow_burn', 'any']).default('any'),
    /** Alert kind raised; default from the metric (see above). */
    alert: z.string().regex(/^[a-z][a-z0-9_]*$/, 'use lower-case letters, digits and "_"').optional(),
    /** Minimum anomaly score in [0, 1]. Default 0.9. */
    min_score: z.number().min(0).max(1).default(0.9),
    /** Minimum observed/expected ratio. Default 1 (any). */
    min_ratio: z.number().min(0).default(1),
    /** Minimum observed value (a share such as 0.3, or a count). Default 0. */
    min_observed: z.number().default(0),
    /** Conditions on other metrics of the same window, all required. */
    requires: z.array(condition).default([]),
    severity,
  })
  .strict();

const crisisTermsTrigger = z
  .object({
    /** Words or phrases (lower case, any language) that signal a crisis. */
    terms: z.array(z.string().min(1)).default([
      'boycott', 'scandal', 'lawsuit', 'recall', 'data breach', 'hacked', 'fraud', 'scam', 'poisoning', 'outage',
      'boykott', 'skandal', 'klage', 'rückruf', 'datenleck', 'betrug', 'abzocke', 'vergiftung', 'ausfall',
    ]),
    /** Only authors with at least this many followers raise an alert on their own. Default 50000. */
    min_followers: z.number().int().nonnegative().default(50_000),
    /** Default warning: one loud post is worth a look; a wave of them is what the window triggers call critical. */
    severity: severity.default('warning'),
  })
  .strict();

/**
 * The small-sample crisis path (alerts/burst.ts): every minute, the trailing
 * window of a brand with enough crisis-risk mentions (their share beyond its
 * learned rate by an exact binomial tail) and negative mentions (beyond the
 * expected count by an exact Poisson tail). Catches a crisis of
 * a quiet brand at night, where the 5-minute detectors' low-volume guards hold.
 */
const crisisBurstTrigger = z
  .object({
    enabled: z.boolean().default(true),
    /** Trailing window tested every minute. Default 10m. */
    window: duration().prefault('10m'),
    /** Minimum crisis-risk mentions in the window. Default 2. */
    min_crisis: z.number().int().min(1).default(2),
    /** Minimum negative mentions in the window. Default 3. */
    min_negative: z.number().int().min(1).default(3),
    /** Crisis-risk mentions: largest binomial tail p of their share against the learned rate. Default 1e-4. */
    max_p: z.number().min(0).max(1).default(1e-4),
    /** Negative mentions: largest Poisson tail p against the expected count (corroboration; the crisis-risk test carries the evidence). Default 0.05. */
    max_p_negative: z.number().min(0).max(1).default(0.05),
    /** Negative share at least this × the expected share. Default 0 (off): early in a crisis the new volume is not yet mostly negative. */
    min_share_ratio: z.number().min(0).default(0),
    severity: severity.default('critical'),
  })
  .strict();
export type CrisisBurstTrigger = z.output<typeof crisisBurstTrigger>;

const leadTrigger = z
  .object({
    enabled: z.boolean().default(true),
    /** Minimum confidence of the `lead` intent. Default 0.7. */
    min_confidence: z.number().min(0).max(1).default(0.7),
    severity: severity.default('info'),
  })
  .strict();

const negativeReviewTrigger = z
  .object({
    enabled: z.boolean().default(true),
    /** A review with a rating at or below this (1–5 scale) triggers. Default 1. */
    max_rating: z.number().default(1),
    /** Sources whose reviews count (config `sources[].name` or collector type); empty = all. */
    sources: z.array(z.string()).default([]),
    /** Default info: a one-star review is routine for a busy brand; route it to care, raise it per source. */
    severity: severity.default('info'),
  })
  .strict();

/**
 * Default triggers. A volume spike alone is news, not a crisis (a campaign does
 * it too): info. Negativity out of the ordinary is a warning; a surge whose
 * character is negative (negative mentions up far more than volume) is
 * critical; a surge that is mostly negative is a crisis. Mostly ratios on the
 * co-conditions, because at night the counts are too small for confident
 * scores while the surge itself is already certain; but "negative in
 * character" must be beyond chance: a surge multiplies the negatives with the
 * rest, so the negative count's ratio says little, and at 30 mentions a share
 * ×1.9 happens by chance (p ≈ 0.01) in one of some thirty surge windows. The
 * critical surge therefore asks the share's score ≥ 0.2 (about p ≤ 0.0025);
 * the small-sample crisis path (crisis_burst) covers the night.
 */
const DEFAULT_DETECTION_TRIGGERS: Array<z.input<typeof detectionTrigger>> = [
  { metric: 'volume', min_score: 0.9, min_ratio: 1.5, severity: 'info' },
  { metric: 'reach_volume', min_score: 0.95, severity: 'info' },
  { metric: 'negative_share', detection: 'spike', min_score: 0.95, min_observed: 0.25, min_ratio: 1.3, severity: 'warning' },
  { metric: 'negative_count', detection: 'spike', min_score: 0.95, min_ratio: 2, requires: [{ metric: 'negative_share', min_ratio: 1.3 }], severity: 'warning' },
  { metric: 'crisis_count', detection: 'spike', min_score: 0.95, min_ratio: 3, min_observed: 5, severity: 'warning' },
  { metric: 'negative_share', detection: 'slow_burn', alert: 'slow_burn', min_score: 0.9, min_ratio: 1.2, severity: 'warning' },
  { metric: 'negative_share', window: 'long', alert: 'slow_burn', min_score: 0.8, min_ratio: 1.25, severity: 'warning' },
  {
    metric: 'negative_count', alert: 'negative_spike', min_score: 0, min_ratio: 4,
    requires: [{ metric: 'volume', min_score: 0.95, min_ratio: 2.5 }, { metric: 'negative_share', min_score: 0.2, min_ratio: 1.4, min_observed: 0.28 }],
    severity: 'critical',
  },
  { metric: 'negative_share', min_score: 0.95, min_observed: 0.4, min_ratio: 1.8, requires: [{ metric: 'volume', min_score: 0.9, min_ratio: 2 }], severity: 'critical' },
  { metric: 'crisis_count', min_score: 0.95, min_ratio: 3, min_observed: 10, requires: [{ metric: 'negative_share', min_ratio: 1.4 }], severity: 'critical' },
  {
    metric: 'negative_count', alert: 'negative_spike', min_score: 0.95, min_ratio: 5,
    requires: [{ metric: 'volume', min_score: 0.95, min_ratio: 3 }, { metric: 'negative_share', min_score: 0.95, min_observed: 0.5 }],
    severity: 'crisis',
  },
];

const triggersSchema = z
  .object({
    detections: z.array(detectionTrigger).prefault(DEFAULT_DETECTION_TRIGGERS),
    crisis_terms: crisisTermsTrigger.prefault({}),
    crisis_burst: crisisBurstTrigger.prefault({}),
    lead: leadTrigger.prefault({}),
    negative_review: negativeReviewTrigger.prefault({}),
  })
  .strict();

export interface RouteConfig {
  receiver?: string | undefined;
  matchers: ReturnType<typeof parseMatcher>[];
  group_by?: string[] | undefined;
  group_wait?: number | undefined;
  group_interval?: number | undefined;
  repeat_interval?: number | undefined;
  continue: boolean;
  escalation?: string | undefined;
  routes: RouteConfig[];
}

const routeSchema: z.ZodType<RouteConfig, unknown> = z.lazy(() =>
  z
    .object({
      /** Receiver name; inherited from the parent route when absent. */
      receiver: z.string().optional(),
      /** Label matchers, all must match: `severity=~"critical|crisis"`, `brand="Acme"`, `kind!="lead"`. */
      matchers,
      /** Labels that split alerts into notification groups; inherited. Default [brand]. */
      group_by: z.array(z.string()).optional(),
      /** Wait before a new group's first notification, to gather related alerts; inherited. Default 30s. */
      group_wait: duration().optional(),
      /** Wait before notifying a group again about new or changed alerts; inherited. Default 5m. */
      group_interval: duration().optional(),
      /** Re-send an unchanged, still firing group after this; inherited. Default 4h. */
      repeat_interval: duration().optional(),
      /** Keep matching sibling routes after this one matched. Default false. */
      continue: z.boolean().default(false),
      /** Escalation policy (name in `escalation_policies`) for alerts this route matches; inherited. */
      escalation: z.string().optional(),
      routes: z.array(routeSchema).default([]),
    })
    .strict(),
) as never;

/** Default playbook: everything to the agents; critical and crisis escalate agent → supervisor → comms lead → executive. */
const DEFAULT_ROUTE: RouteConfig = {
  receiver: 'agents',
  matchers: [],
  group_by: ['brand'],
  continue: false,
  routes: [{ matchers: [parseMatcher('severity=~"critical|crisis"')], escalation: 'standard', continue: false, routes: [] }],
};
const DEFAULT_RECEIVERS: ReceiverConfig[] = ['agents', 'supervisor', 'comms-lead', 'executive'].map((name) => ({ name, type: 'log' as const }));
const DEFAULT_POLICIES = {
  standard: {
    steps: [
      { after: '15m', receivers: ['supervisor'] },
      { after: '30m', receivers: ['comms-lead'] },
      { after: '1h', receivers: ['executive'] },
    ],
  },
};

const inhibitRule = z
  .object({
    /** A firing alert matching these mutes... */
    source_matchers: matchers,
    /** ...alerts matching these... */
    target_matchers: matchers,
    /** ...when these labels are equal on both. */
    equal: z.array(z.string()).default(['brand']),
  })
  .strict();

const silenceSchema = z
  .object({
    matchers: z.array(matcherString).min(1, 'a silence needs at least one matcher'),
    startsAt: z.string().default('1970-01-01T00:00:00Z'),
    endsAt: z.string(),
    createdBy: z.string().default('config'),
    comment: z.string().default(''),
  })
  .strict();

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'use 24-hour HH:MM, e.g. "22:00"');
const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

const quietHoursSchema = z
  .object({
    enabled: z.boolean().default(false),
    /** IANA time zone, e.g. Europe/Berlin. Default UTC. */
    time_zone: z.string().default('UTC').refine((tz) => {
      try {
        new Intl.DateTimeFormat('en', { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    }, 'unknown time zone; use an IANA name such as "Europe/Berlin"'),
    /** Start of quiet hours (local). Default 22:00; an end before the start spans midnight. */
    start: hhmm.default('22:00'),
    /** End of quiet hours (local). Default 07:00. */
    end: hhmm.default('07:00'),
    /** Days (of the start) quiet hours apply on. Default every day. */
    days: z.array(z.enum(DAYS)).default([...DAYS]),
    /** Alerts at or above this severity break through; the rest wait until quiet hours end. Default critical. */
    min_severity: severity.default('critical'),
  })
  .strict();

const escalationStep = z
  .object({
    /** Time after the alert fired when this step runs, if still unacknowledged. */
    after: duration(),
    receivers: z.array(z.string()).min(1, 'name at least one receiver'),
  })
  .strict();

const escalationPolicy = z.object({ steps: z.array(escalationStep).min(1) }).strict();

const receiverSchema = z.discriminatedUnion('type', [
  z.object({ name: z.string().min(1), type: z.literal('log') }).strict(),
  z.object({ name: z.string().min(1), type: z.literal('slack'), url: z.url(), channel: z.string().optional() }).strict(),
  z.object({ name: z.string().min(1), type: z.literal('teams'), url: z.url() }).strict(),
  z
    .object({
      name: z.string().min(1),
      type: z.literal('webhook'),
      url: z.url(),
      /** HMAC-SHA256 key for the X-Earshot-Signature header; empty = unsigned. */
      secret: z.string().default(''),
      headers: z.record(z.string(), z.string()).default({}),
    })
    .strict(),
  z
    .object({
      name: z.string().min(1),
      type: z.literal('pagerduty'),
      routing_key: z.string().min(1),
      /** Events API v2 endpoint. */
      url: z.url().default('https://events.pagerduty.com/v2/enqueue'),
    })
    .strict(),
  z
    .object({
      name: z.string().min(1),
      type: z.literal('email'),
      to: z.array(z.string().min(3)).min(1),
      from: z.string().default('earshot@localhost'),
      smtp: z
        .object({
          host: z.string().default('localhost'),
          port: z.number().int().default(587),
          secure: z.boolean().default(false),
          user: z.string().default(''),
          password: z.string().default(''),
        })
        .strict()
        .prefault({}),
    })
    .strict(),
]);
export type ReceiverConfig = z.output<typeof receiverSchema>;

const deliverySchema = z
  .object({
    /** Attempts per notification before it is given up (and an ops event raised). Default 60. */
    attempts: z.number().int().min(1).default(60),
    /** First retry delay; doubles per attempt up to `max_backoff`. Default 5s. */
    backoff: duration().prefault('5s'),
    /** Longest wait between two attempts. Default 2m (60 attempts ≈ 2 hours of outage). */
    max_backoff: duration().prefault('2m'),
    /** Parallel deliveries per alerter process. Default 4. */
    concurrency: z.number().int().min(1).default(4),
  })
  .strict();

const monitorSchema = z
  .object({
    /** Length of a detection window. Default 5m. */
    window: duration().prefault('5m'),
    /** How long after a window ends late mentions are still awaited before it is closed. Default 1m. */
    grace: duration().prefault('1m'),
    /** Extra series per brand × dimension (`source`, `language`). Default none. */
    dimensions: z.array(z.enum(['source', 'language'])).default([]),
    /**
     * A second, longer window per series for slow burns: a sustained rise in
     * the negative share is plain in two hours' mentions long before a
     * five-minute window shows it. 0 = off. Default 2h, closed every `long_window_step`.
     */
    long_window: duration().prefault('2h'),
    /** How often a long window closes (a fresh one every step). Default 15m. */
    long_window_step: duration().prefault('15m'),
    /** Label value of alerts from the long window (label `window`). Default "2h". */
    long_window_label: z.string().default('2h'),
    /** An alert resolves when its metric stays within its band this long. Default 30m. */
    resolve_after: duration().prefault('30m'),
  })
  .strict();

/**
 * The default playbook (receivers, route, escalation) is one unit: once you
 * name your own receivers, the default route sends to the first of them and
 * no escalation policy is assumed, so no default points at a receiver you removed.
 */
function fillPlaybook(input: unknown): unknown {
  if (!input || typeof input !== 'object' || Array.isArray(input)) return input;
  const o = input as Record<string, unknown>;
  if (!Array.isArray(o.receivers)) return o;
  const first = (o.receivers[0] as { name?: unknown } | undefined)?.name;
  return {
    ...o,
    ...(o.route === undefined ? { route: { receiver: typeof first === 'string' ? first : undefined } } : {}),
    ...(o.escalation_policies === undefined ? { escalation_policies: {} } : {}),
  };
}

const alertsObject = z
  .object({
    enabled: z.boolean().default(true),
    monitor: monitorSchema.prefault({}),
    triggers: triggersSchema.prefault({}),
    route: routeSchema.default(DEFAULT_ROUTE),
    inhibit_rules: z.array(inhibitRule).prefault([
      { source_matchers: ['severity="crisis"'], target_matchers: ['severity=~"info|warning"'], equal: ['brand'] },
    ]),
    silences: z.array(silenceSchema).default([]),
    quiet_hours: quietHoursSchema.prefault({}),
    escalation_policies: z.record(z.string(), escalationPolicy).prefault(DEFAULT_POLICIES),
    receivers: z.array(receiverSchema).default(DEFAULT_RECEIVERS),
    delivery: deliverySchema.prefault({}),
    /** Secret for one-click ack links; env EARSHOT_LINK_SECRET wins. Empty = links disabled. */
    link_secret: z.string().default(''),
    /** How long a one-click link stays valid. Default 7d. */
    link_ttl: duration().prefault('7d'),
  })
  .strict()
  .superRefine((cfg, ctx) => {
    const names = new Set<string>();
    cfg.receivers.forEach((r, i) => {
      if (names.has(r.name)) ctx.addIssue({ code: 'custom', path: ['receivers', i, 'name'], message: `duplicate receiver "${r.name}"` });
      names.add(r.name);
    });
    const checkReceiver = (name: string | undefined, path: PropertyKey[]) => {
      if (name !== undefined && !names.has(name)) {
        ctx.addIssue({ code: 'custom', path, message: `undefined receiver "${name}"; define it under alerts.receivers` });
      }
    };
    if (!cfg.route.receiver) ctx.addIssue({ code: 'custom', path: ['route', 'receiver'], message: 'the root route needs a receiver' });
    const walk = (r: RouteConfig, path: PropertyKey[]) => {
      checkReceiver(r.receiver, [...path, 'receiver']);
      if (r.escalation !== undefined && !(r.escalation in cfg.escalation_policies)) {
        ctx.addIssue({ code: 'custom', path: [...path, 'escalation'], message: `undefined escalation policy "${r.escalation}"; define it under alerts.escalation_policies` });
      }
      r.routes.forEach((c, i) => walk(c, [...path, 'routes', i]));
    };
    walk(cfg.route, ['route']);
    for (const [name, p] of Object.entries(cfg.escalation_policies)) {
      p.steps.forEach((s, i) => s.receivers.forEach((r, j) => checkReceiver(r, ['escalation_policies', name, 'steps', i, 'receivers', j])));
    }
  });

export const alertsSchema = z.preprocess(fillPlaybook, alertsObject);

export type AlertsConfig = z.output<typeof alertsSchema>;
export type AlertsConfigInput = z.input<typeof alertsSchema>;
export type DetectionTrigger = z.output<typeof detectionTrigger>;
export type QuietHours = z.output<typeof quietHoursSchema>;

/** The defaults: what a config without an `alerts:` section gets. */
export function defaultAlertsConfig(): AlertsConfig {
  return alertsSchema.parse({});
}
