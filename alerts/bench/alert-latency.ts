import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SystemClock } from '../../core/clock.ts';
import type { Mention } from '../../core/mention.ts';
import { createRedis } from '../../core/redis/connection.ts';
import { startLocalRedis } from '../../core/redis/local-server.ts';
import { createAlerter } from '../alerter.ts';
import { alertsSchema } from '../config.ts';

export interface AlertLatencyResult {
  samples: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
  backgroundMentionsPerSecond: number;
}

/**
 * Alert latency under load: from a mention reaching the alerter (`observe`,
 * i.e. just stored) to the webhook receiver on 127.0.0.1 getting the alert,
 * through the real engine, BullMQ queue on a real redis-server and the
 * webhook receiver, while ordinary mentions stream in at `rate` per second.
 * `group_wait` is 0 here: the playbook's own wait is policy, not latency.
 */
export async function benchAlertLatency(o: { rate?: number; seconds?: number; triggersPerSecond?: number } = {}): Promise<AlertLatencyResult> {
  const rate = o.rate ?? 2000;
  const seconds = o.seconds ?? 20;
  const dir = mkdtempSync(join(tmpdir(), 'earshot-bench-alerts-'));
  const redisServer = await startLocalRedis(dir);
  const sentAt = new Map<string, number>();
  const latencies: number[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const now = performance.now();
      const n = JSON.parse(body) as { alerts: Array<{ explanation: { sampleMentionIds: string[] } }> };
      for (const a of n.alerts) {
        for (const id of a.explanation.sampleMentionIds) {
          const t = sentAt.get(id);
          if (t !== undefined) {
            latencies.push(now - t);
            sentAt.delete(id);
          }
        }
      }
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  const config = alertsSchema.parse({
    receivers: [{ name: 'hook', type: 'webhook', url }],
    route: { receiver: 'hook', group_wait: '0s' },
    delivery: { backoff: '100ms', max_backoff: '1s' },
  });
  const clients = [createRedis(redisServer.url), createRedis(redisServer.url), createRedis(redisServer.url)];
  const alerter = createAlerter({
    config, clock: new SystemClock(), redis: clients[0]!, bullConnection: clients[1]!, deliver: true, prefix: 'bench',
  });
  alerter.start(100);
  let n = 0;
  const mention = (brand: string, text: string, followers: number): Mention => ({
    id: `bench:${++n}`, source: 'bench', nativeId: String(n), url: '', title: '', text, language: 'en', languageFromSource: true,
    publishedAt: Date.now(), collectedAt: Date.now(), author: { id: `a${n % 5000}`, name: `a${n % 5000}`, followers, url: '' },
    engagement: { likes: 0, shares: 0, replies: 0 }, rating: null, parentId: '', country: '', raw: {}, brands: [brand],
    sentiment: { score: 0, label: 'neutral' }, intents: [], reach: followers,
  });
  const started = Date.now();
  let observed = 0;
  let trigger = 0;
  const tps = o.triggersPerSecond ?? 2;
  while (Date.now() - started < seconds * 1000) {
    const tickStart = Date.now();
    const batch: Mention[] = [];
    for (let i = 0; i < rate / 10; i++) batch.push(mention(`Bg${i % 5}`, 'just another ordinary post about the product', 100));
    if (Math.floor(((tickStart - started) / 1000) * tps) > trigger) {
      trigger++;
      const m = mention(`Brand${trigger}`, 'Boycott them after the data breach', 1_000_000);
      sentAt.set(m.id, performance.now());
      batch.push(m);
    }
    await alerter.observe(batch);
    observed += batch.length;
    await new Promise((r) => setTimeout(r, Math.max(0, 100 - (Date.now() - tickStart))));
  }
  const deadline = Date.now() + 15_000;
  while (sentAt.size > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  const elapsed = (Date.now() - started) / 1000;
  await alerter.stop();
  await Promise.all(clients.map((c) => c.quit().catch(() => c.disconnect())));
  await new Promise((ok) => server.close(ok));
  await redisServer.stop();
  rmSync(dir, { recursive: true, force: true });
  const sorted = [...latencies].sort((a, b) => a - b);
  const q = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN;
  return { samples: sorted.length, p50Ms: q(0.5), p95Ms: q(0.95), maxMs: sorted.at(-1) ?? NaN, backgroundMentionsPerSecond: Math.round(observed / elapsed) };
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop() ?? '\u0000')) {
  const r = await benchAlertLatency({ seconds: Number(process.env.BENCH_SECONDS ?? 20) });
  console.log(`alert latency (mention stored → webhook received, ${r.backgroundMentionsPerSecond} mentions/s background): p50 ${r.p50Ms.toFixed(0)} ms, p95 ${r.p95Ms.toFixed(0)} ms, max ${r.maxMs.toFixed(0)} ms over ${r.samples} alerts`);
}
