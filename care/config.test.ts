import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { buildConfig, DEFAULT_CONFIG_FILE } from '../config/load.ts';
import { ConfigError } from '../core/errors.ts';

describe('care config', () => {
  it('defaults follow the playbooks: 30 min real-time complaints, 24 h reviews, 60 min otherwise', () => {
    const cfg = buildConfig({ sources: [] }, 'test.yaml');
    expect(cfg.care.sla.map((r) => r.within / 60_000)).toEqual([30, 30, 1440, 60]);
    expect(cfg.care.tickInterval).toBe(15_000);
    expect(cfg.api).toMatchObject({ rateLimitPerMinute: 600, bodyLimit: 65_536 });
  });

  it('the commented care: block in config/default.yaml is valid when uncommented', () => {
    const text = readFileSync(DEFAULT_CONFIG_FILE, 'utf8');
    // The block runs from "# care:" to the next blank line (other sections follow it).
    const from = text.slice(text.indexOf('# care:'));
    const block = from.slice(0, from.search(/\n\s*\n|$/)).split('\n').map((l) => l.replace(/^# ?/, '')).join('\n');
    const doc = parse(block, { strict: false }) as Record<string, unknown>;
    const cfg = buildConfig({ ...doc, sources: [] }, 'default.yaml', { CRM_TOKEN: 'x' });
    expect(cfg.care.leads.attempts).toBe(10);
    expect(cfg.care.keepClosed).toBe(7 * 86_400_000);
  });

  it('names the bad key and the fix', () => {
    const bad = () => buildConfig({ sources: [], care: { sla: [{ intent: 'complaint', within: 'soon' }], intents: ['moan'] } }, 'x.yaml');
    expect(bad).toThrow(ConfigError);
    try {
      bad();
    } catch (err) {
      expect((err as ConfigError).issues.map((i) => i.path).sort()).toEqual(['care.intents[0]', 'care.sla[0].within']);
      expect((err as Error).message).toContain('write e.g. 30s, 5m');
    }
  });
});
