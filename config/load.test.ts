import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../core/errors.ts';
import { buildConfig, loadConfig, DEFAULT_CONFIG_FILE } from './load.ts';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'earshot-config-'));
function file(name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

function issues(doc: unknown, env: NodeJS.ProcessEnv = {}): string[] {
  try {
    buildConfig(doc, 'test.yaml', env);
  } catch (err) {
    if (err instanceof ConfigError) return err.issues.map((i) => `${i.path}: ${i.message}`);
    throw err;
  }
  return [];
}

describe('config', () => {
  it('takes a file with nothing but brands as a complete config, defaults filled in', () => {
    const cfg = loadConfig(file('brands.yaml', 'brands:\n  - name: Acme\n    query: acme OR @acme\n    languages: [de]\n'), {});
    expect(cfg.brands[0]).toMatchObject({ name: 'Acme', languages: ['de'], competitors: [] });
    expect(cfg.demo).toBe(true);
    expect(cfg.sources.map((s) => s.type)).toEqual(['demo']);
    expect(cfg.pipeline.dedupe.idWindow).toBe(30 * 86_400_000);
    expect(cfg.pipeline.stallTimeout).toBe(30_000);
    expect(cfg.store.retention.mentionsDays).toBe(395);
    expect(Object.isFrozen(cfg.pipeline)).toBe(true);
  });

  it('loads the bundled default config', () => {
    const cfg = loadConfig(DEFAULT_CONFIG_FILE, {});
    expect(cfg.brands.length).toBeGreaterThan(0);
  });

  it('names the exact path of a bad query and the problem', () => {
    const found = issues({ brands: [{ name: 'A', query: 'a' }, { name: 'B', query: '"acme OR beta' }] });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^brands\[1\]\.query: unbalanced quote at column \d+/);
  });

  it('names unknown keys, wrong types, bad cron, duplicate brands and unknown competitors', () => {
    expect(issues({ brandz: [] })).toEqual([expect.stringMatching(/^: unknown key "brandz"/)]);
    expect(issues({ pipeline: { batchSize: 'lots' } })[0]).toMatch(/^pipeline\.batchSize: /);
    expect(issues({ pipeline: { dedupe: { textWindow: '1 hour' } } })[0]).toMatch(/^pipeline\.dedupe\.textWindow: "1 hour" is not a duration; write e\.g\. 30s/);
    expect(issues({ sources: [{ name: 'x', type: 'rss', schedule: 'every minute' }] })).toContainEqual(expect.stringMatching(/^sources\[0\]\.schedule: not a valid cron expression/));
    expect(issues({ brands: [{ name: 'A', query: 'a' }, { name: 'a', query: 'b' }] })).toEqual([expect.stringMatching(/^brands\[1\]\.name: duplicate brand/)]);
    expect(issues({ brands: [{ name: 'A', query: 'a', competitors: ['Globex'] }] })).toEqual([
      'brands[0].competitors[0]: unknown brand "Globex"; add it to brands with its own query',
    ]);
    expect(issues({ sources: [{ name: 'x', type: 'carrier-pigeon' }] })[0]).toMatch(/^sources\[0\]\.type: unknown source type "carrier-pigeon"; one of: .*rss/);
  });

  it('substitutes ${ENV} and ${ENV:-default}, and says which variable is missing', () => {
    const cfg = buildConfig({ store: { password: '${CH_PASSWORD}', username: '${CH_USER:-reader}' } }, 't', { CH_PASSWORD: 's3cret-value' });
    expect(cfg.store.password).toBe('s3cret-value');
    expect(cfg.store.username).toBe('reader');
    expect(issues({ store: { password: '${CH_PASSWORD}' } })).toEqual([
      'store.password: environment variable CH_PASSWORD is not set; export it, or write ${CH_PASSWORD:-default} for a default',
    ]);
  });

  it('lets the environment override where the API listens', () => {
    expect(buildConfig({}, 't', { EARSHOT_API_HOST: '0.0.0.0', EARSHOT_API_PORT: '9090' }).api).toMatchObject({ host: '0.0.0.0', port: 9090 });
  });

  it('earshot config check exits 0 for a good file and 1 with readable paths for a bad one, and start refuses a bad one', async () => {
    const good = file('good.yaml', 'brands:\n  - name: Acme\n    query: acme\n');
    const bad = file('bad.yaml', 'brands:\n  - name: Acme\n    query: "(acme OR beta"\npipeline:\n  batchSize: 0\n');
    const ok = await run('node', ['bin/earshot.js', 'config', 'check', good]);
    expect(ok.stdout).toMatch(/ok — 1 brand/);
    const failed = await run('node', ['bin/earshot.js', 'config', 'check', bad]).catch((e: { code: number; stderr: string }) => e);
    expect(failed).toMatchObject({ code: 1 });
    expect((failed as { stderr: string }).stderr).toMatch(/brands\[0\]\.query: .*column/);
    expect((failed as { stderr: string }).stderr).toMatch(/pipeline\.batchSize: /);
    const start = await run('node', ['bin/earshot.js', 'start', '--config', bad]).catch((e: { code: number; stderr: string }) => e);
    expect(start).toMatchObject({ code: 1 });
    expect((start as { stderr: string }).stderr).toMatch(/earshot did not start/);
  });
});
