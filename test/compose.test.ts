import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

interface Service {
  image?: string;
  build?: string;
  command?: string[];
  healthcheck?: { test: string[] };
  environment?: Record<string, string>;
  volumes?: string[];
  depends_on?: Record<string, { condition: string }>;
}

// Compose resolves YAML merge keys (<<: *earshot); so must this parse.
const compose = parse(readFileSync('docker-compose.yml', 'utf8'), { merge: true }) as { services: Record<string, Service>; volumes: Record<string, unknown> };

describe('docker-compose.yml (the production shape)', () => {
  it('runs Redis, a ClickHouse server, Grafana, a one-shot migrate and each earshot role, all with health checks', () => {
    const s = compose.services;
    expect(Object.keys(s).sort()).toEqual(['alerter', 'api', 'clickhouse', 'grafana', 'migrate', 'redis', 'scheduler', 'worker']);
    for (const role of ['scheduler', 'worker', 'alerter', 'api']) {
      expect(s[role]?.command).toEqual([role]);
      expect(s[role]?.healthcheck?.test.join(' ')).toContain('/healthz');
      expect(s[role]?.environment).toMatchObject({ CLICKHOUSE_URL: 'http://clickhouse:8123', REDIS_URL: 'redis://redis:6379', EARSHOT_API_HOST: '0.0.0.0' });
      expect(s[role]?.depends_on?.migrate?.condition).toBe('service_completed_successfully');
    }
    for (const name of ['redis', 'clickhouse', 'grafana']) expect(s[name]?.healthcheck).toBeDefined();
    expect(s.migrate?.command).toEqual(['migrate']);
    expect(s.redis?.image).toMatch(/^redis:7/);
  });

  it('takes every secret from the environment, never from the file', () => {
    const text = readFileSync('docker-compose.yml', 'utf8');
    for (const [, value] of text.matchAll(/(?:PASSWORD|SECRET)[A-Z_]*:\s*(.+)/g)) expect(value).toMatch(/^\$\{[A-Z_]+:\?/);
  });

  it('mounts the provisioning and boards where the dashboard provider looks, and installs the ClickHouse plugin', () => {
    const g = compose.services.grafana!;
    expect(g.environment?.GF_INSTALL_PLUGINS).toContain('grafana-clickhouse-datasource');
    expect(g.volumes).toContain('./dashboards/provisioning:/etc/grafana/provisioning:ro');
    const provider = parse(readFileSync('dashboards/provisioning/dashboards/earshot.yaml', 'utf8')) as { providers: Array<{ options: { path: string } }> };
    const boards = g.volumes?.find((v) => v.startsWith('./dashboards/json:'));
    expect(boards?.split(':')[1]).toBe(provider.providers[0]?.options.path);
    for (const v of Object.values(compose.services).flatMap((x) => x.volumes ?? [])) {
      const [from] = v.split(':');
      if (from?.startsWith('./')) expect(existsSync(from)).toBe(true);
      else expect(compose.volumes).toHaveProperty(from ?? '');
    }
  });

  it('is accepted by `docker compose config` where the compose client exists', () => {
    const probe = spawnSync('docker', ['compose', 'version'], { encoding: 'utf8' });
    if (probe.status !== 0) {
      // No compose plugin on this machine (no Docker engine runs here either): the structural checks above stand in.
      expect(probe.status).not.toBe(0);
      return;
    }
    const r = spawnSync('docker', ['compose', 'config', '--quiet'], {
      encoding: 'utf8',
      env: { ...process.env, CLICKHOUSE_PASSWORD: 'x', GRAFANA_CLICKHOUSE_PASSWORD: 'x', GRAFANA_ADMIN_PASSWORD: 'x', EARSHOT_LINK_SECRET: 'x' },
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});
