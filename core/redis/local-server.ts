import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { Redis } from 'ioredis';
import { EarshotError } from '../errors.ts';

/**
 * The embedded mode owns a redis-server: loopback only, on a free port, data
 * under `dataDir` with the append-only file on (a restart loses nothing) and
 * `noeviction` (BullMQ must never lose keys to memory pressure). If an earlier
 * earshot was killed and left its server running, that server is adopted.
 */
export interface LocalRedis {
  url: string;
  port: number;
  stop(): Promise<void>;
}

interface StateFile {
  pid: number;
  port: number;
  /** The earshot process that started (or took over) the server and stops it on exit. */
  owner: number;
}

export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolvePort(port));
    });
  });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function ping(port: number, timeoutMs: number): Promise<boolean> {
  const r = new Redis({ port, host: '127.0.0.1', lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: timeoutMs });
  r.on('error', () => {});
  try {
    await r.connect();
    return (await r.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    r.disconnect();
  }
}

function redisBinary(): string {
  const found = spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' });
  const path = found.stdout.trim();
  if (!path) {
    throw new EarshotError(
      'redis-server is not installed. Run `bash scripts/setup.sh` (installs it with apt), or set REDIS_URL to an existing Redis ≥ 6.2.',
      { code: 'redis_missing' },
    );
  }
  return path;
}

export async function startLocalRedis(dataDir: string): Promise<LocalRedis> {
  const dir = resolve(dataDir);
  mkdirSync(dir, { recursive: true });
  const stateFile = join(dir, 'earshot-redis.json');

  if (existsSync(stateFile)) {
    try {
      const state = JSON.parse(readFileSync(stateFile, 'utf8')) as StateFile;
      if (alive(state.pid) && (await ping(state.port, 500))) {
        // Another earshot (e.g. `start` while `backfill` runs) uses it: share it, never stop it.
        if (state.owner && alive(state.owner)) return guest(state.port);
        // Left behind by an earshot that died (SIGKILL): take it over and stop it on exit.
        writeFileSync(stateFile, JSON.stringify({ ...state, owner: process.pid } satisfies StateFile));
        return owned(null, state.port, state.pid, stateFile);
      }
    } catch {
      // A stale or corrupt state file: start afresh below.
    }
    rmSync(stateFile, { force: true });
  }

  const port = await freePort();
  const child = spawn(
    redisBinary(),
    [
      '--port', String(port), '--bind', '127.0.0.1', '--dir', dir,
      '--appendonly', 'yes', '--appendfsync', 'everysec', '--save', '',
      '--maxmemory-policy', 'noeviction', '--protected-mode', 'yes', '--daemonize', 'no',
      '--logfile', join(dir, 'redis.log'),
    ],
    // Its own process group: a Ctrl-C in the terminal must not kill it before
    // earshot has drained its queues; earshot stops it itself.
    { stdio: 'ignore', detached: true },
  );
  child.unref();
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (await ping(port, 200)) {
      writeFileSync(stateFile, JSON.stringify({ pid: child.pid ?? 0, port, owner: process.pid } satisfies StateFile));
      return owned(child, port, child.pid ?? 0, stateFile);
    }
    const done = await Promise.race([exited, new Promise((r) => setTimeout(() => r('wait'), 50))]);
    if (done !== 'wait') break;
  }
  child.kill('SIGKILL');
  throw new EarshotError(`redis-server did not start on 127.0.0.1:${port}; see ${join(dir, 'redis.log')}`, { code: 'redis_start_failed' });
}

function guest(port: number): LocalRedis {
  return { url: `redis://127.0.0.1:${port}`, port, stop: async () => {} };
}

function owned(child: ChildProcess | null, port: number, pid: number, stateFile: string): LocalRedis {
  let stopped = false;
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    async stop() {
      if (stopped) return;
      stopped = true;
      const done = child ? new Promise<void>((r) => (child.exitCode !== null ? r() : child.once('exit', () => r()))) : null;
      try {
        process.kill(pid, 'SIGTERM');
      } catch {
        // already gone
      }
      if (done) await Promise.race([done, new Promise((r) => setTimeout(r, 5000))]);
      else for (let i = 0; i < 100 && alive(pid); i++) await new Promise((r) => setTimeout(r, 50));
      rmSync(stateFile, { force: true });
    },
  };
}
