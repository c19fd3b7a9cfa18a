import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../../core/redis/local-server.ts';
import { waitFor } from '../helpers/wait.ts';

const cwd = mkdtempSync(join(tmpdir(), 'earshot-start-'));
afterAll(() => rmSync(cwd, { recursive: true, force: true }));

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('earshot start on the embedded defaults', () => {
  it('owns its Redis and store under ./data, runs the demo through the pipeline, serves health and metrics, stops cleanly', { timeout: 240_000 }, async () => {
    const port = await freePort();
    const child = spawn('node', [resolve('bin/earshot.js'), 'start'], {
      cwd,
      env: { ...process.env, EARSHOT_API_PORT: String(port), EARSHOT_LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    const state = join(cwd, 'data', 'redis', 'earshot-redis.json');
    let redisPid = 0;
    try {
      await waitFor(async () => (await fetch(`http://127.0.0.1:${port}/healthz`)).ok, 120_000, 500);
      expect(stderr).toMatch(/web page and API: http:\/\/127\.0\.0\.1:\d+\//);
      expect(stderr).toMatch(/DEMO data only/);
      expect(stderr).toContain(join(cwd, 'data', 'clickhouse'));
      // The demo's mentions reach ClickHouse: the store counter moves.
      await waitFor(async () => {
        const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
        const m = /earshot_mentions_stored_total\{source="demo"\} (\d+)/.exec(text);
        return m && Number(m[1]) > 0;
      }, 120_000, 1000);
      await waitFor(() => /progress {2}demo: collected \d+, stored \d+/.test(stderr), 60_000, 500);
      redisPid = (JSON.parse(readFileSync(state, 'utf8')) as { pid: number }).pid;
      expect(alive(redisPid)).toBe(true);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    // The owned redis-server is stopped with it.
    expect(existsSync(state)).toBe(false);
    expect(alive(redisPid)).toBe(false);
  });
});
