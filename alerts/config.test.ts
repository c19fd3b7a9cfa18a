import { describe, expect, it } from 'vitest';
import { buildConfig } from '../config/load.ts';
import { ConfigError } from '../core/errors.ts';
import { alertsSchema, defaultAlertsConfig } from './config.ts';
import { signLink, verifyLink } from './links.ts';
import { matches, parseMatcher } from './matchers.ts';
import { inQuietHours } from './quiet-hours.ts';
import { buildRoute, matchRoutes } from './route.ts';

const issues = (alerts: unknown): string[] => {
  try {
    buildConfig({ brands: [], sources: [], alerts }, 'test.yaml', {});
    return [];
  } catch (err) {
    if (err instanceof ConfigError) return err.issues.map((i) => `${i.path}: ${i.message}`);
    throw err;
  }
};

describe('alerts config', () => {
  it('the defaults are a complete playbook with escalation', () => {
    const c = defaultAlertsConfig();
    expect(c.receivers.map((r) => r.name)).toEqual(['agents', 'supervisor', 'comms-lead', 'executive']);
    expect(c.escalation_policies.standard?.steps.map((s) => s.after)).toEqual([900_000, 1_800_000, 3_600_000]);
    expect(issues(undefined)).toEqual([]);
  });

  it('names the exact path of an undefined receiver', () => {
    const out = issues({
      receivers: [{ name: 'agents', type: 'log' }],
      route: { receiver: 'agents', routes: [{ receiver: 'agents' }, { receiver: 'agents' }, { receiver: 'pr-team' }] },
    });
    expect(out).toEqual(['alerts.route.routes[2].receiver: undefined receiver "pr-team"; define it under alerts.receivers']);
  });

  it('names bad matchers, policies, time zones and durations', () => {
    const out = issues({
      receivers: [{ name: 'a', type: 'log' }],
      route: { receiver: 'a', group_wait: 'soon', routes: [{ matchers: ['severity=~"(crit"'], escalation: 'nope' }] },
      quiet_hours: { time_zone: 'Mars/Olympus' },
    });
    expect(out.some((l) => l.startsWith('alerts.route.group_wait: "soon" is not a duration'))).toBe(true);
    expect(out.some((l) => l.startsWith('alerts.route.routes[0].matchers[0]: "(crit" is not a valid regular expression'))).toBe(true);
    expect(out.some((l) => l.startsWith('alerts.quiet_hours.time_zone: unknown time zone'))).toBe(true);
  });

  it('names an undefined escalation policy', () => {
    expect(issues({ receivers: [{ name: 'a', type: 'log' }], route: { receiver: 'a', routes: [{ escalation: 'nope' }] } })).toEqual([
      'alerts.route.routes[0].escalation: undefined escalation policy "nope"; define it under alerts.escalation_policies',
    ]);
  });

  it('own receivers without a route: everything goes to the first', () => {
    const c = alertsSchema.parse({ receivers: [{ name: 'pr', type: 'webhook', url: 'https://x.example/h' }] });
    expect(c.route.receiver).toBe('pr');
    expect(c.escalation_policies).toEqual({});
  });
});

describe('routing tree', () => {
  const route = buildRoute(
    alertsSchema.parse({
      receivers: ['a', 'b', 'c', 'd'].map((name) => ({ name, type: 'log' })),
      route: {
        receiver: 'a',
        routes: [
          { matchers: ['brand="Acme"'], receiver: 'b', continue: true, routes: [{ matchers: ['severity="crisis"'], receiver: 'd' }] },
          { matchers: ['severity=~"critical|crisis"'], receiver: 'c' },
        ],
      },
    }).route,
  );
  it('depth first, first match wins unless continue; root as fallback', () => {
    expect(matchRoutes(route, { brand: 'Acme', severity: 'crisis' }).map((r) => r.receiver)).toEqual(['d', 'c']);
    expect(matchRoutes(route, { brand: 'Acme', severity: 'info' }).map((r) => r.receiver)).toEqual(['b']);
    expect(matchRoutes(route, { brand: 'Beta', severity: 'critical' }).map((r) => r.receiver)).toEqual(['c']);
    expect(matchRoutes(route, { brand: 'Beta', severity: 'info' }).map((r) => r.receiver)).toEqual(['a']);
  });
  it('matchers are anchored', () => {
    expect(matches(parseMatcher('severity=~"crit"'), { severity: 'critical' })).toBe(false);
    expect(matches(parseMatcher('brand!="Acme"'), {})).toBe(true);
  });
});

describe('signed one-click links', () => {
  const now = Date.parse('2026-03-02T10:00:00Z');
  const token = signLink('secret', 'alert1', 'ack', now + 60_000, 'alice');
  it('valid until it expires', () => {
    expect(verifyLink('secret', token, now)).toEqual({ alertId: 'alert1', action: 'ack', actor: 'alice' });
    expect(verifyLink('secret', token, now + 60_000)).toBeNull();
  });
  it('forged or tampered tokens are refused', () => {
    expect(verifyLink('other', token, now)).toBeNull();
    const [payload, sig] = token.split('.');
    const tampered = Buffer.from('alert2|resolve|9999999999999|x').toString('base64url');
    expect(verifyLink('secret', `${tampered}.${sig}`, now)).toBeNull();
    expect(verifyLink('secret', `${payload}.`, now)).toBeNull();
    expect(verifyLink('secret', 'garbage', now)).toBeNull();
  });
});

describe('quiet hours', () => {
  const q = alertsSchema.parse({ quiet_hours: { enabled: true, time_zone: 'Europe/Berlin', start: '22:00', end: '07:00', days: ['fri'] } }).quiet_hours;
  it('span midnight and belong to the day they start', () => {
    expect(inQuietHours(q, Date.parse('2026-03-06T21:30:00Z'))).toBe(true); // Fri 22:30 Berlin
    expect(inQuietHours(q, Date.parse('2026-03-07T05:30:00Z'))).toBe(true); // Sat 06:30, from Friday night
    expect(inQuietHours(q, Date.parse('2026-03-07T21:30:00Z'))).toBe(false); // Sat night: not listed
    expect(inQuietHours(q, Date.parse('2026-03-06T12:00:00Z'))).toBe(false);
  });
});
