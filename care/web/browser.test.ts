import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuth } from '../../api/auth.ts';
import { createApiServer } from '../../api/server.ts';
import { TestAlerts } from '../../api/testing/alerts.ts';
import { insertMentions } from '../../api/testing/fixtures.ts';
import { buildConfig } from '../../config/load.ts';
import { SystemClock } from '../../core/clock.ts';
import { writeEvents } from '../../core/events.ts';
import { silentLogger } from '../../core/logger.ts';
import { Metrics } from '../../core/metrics.ts';
import { startTestRedis, type TestRedis } from '../../test/helpers/redis.ts';
import { openTestStore, type TestStore } from '../../test/helpers/store.ts';
import { createCareQueue, type CareQueue } from '../queue.ts';
import { classified } from '../testing/mentions.ts';

/**
 * The web page in real headless Chromium (Debian `chromium`, installed by
 * `scripts/setup.sh --test`): log in, claim and resolve, acknowledge, hostile
 * mention text stays text. Saves the README screenshots to docs/screenshots/.
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const HAVE_CHROMIUM = existsSync(CHROMIUM);
if (!HAVE_CHROMIUM) console.warn(`browser tests skipped: ${CHROMIUM} not found; run scripts/setup.sh --test`);
const SHOTS = join(import.meta.dirname, '..', '..', 'docs', 'screenshots');
const XSS = '<img src=x onerror=alert(1)>';

/** Screenshots for the README, without a leftover toast from the previous step. */
async function shot(page: Page, name: string): Promise<void> {
  await page.evaluate("document.getElementById('toast').hidden = true");
  await page.screenshot({ path: join(SHOTS, name), fullPage: true });
  await page.evaluate("document.getElementById('toast').hidden = false");
}

describe.skipIf(!HAVE_CHROMIUM)('web page in headless Chromium', () => {
  let redis: TestRedis;
  let ch: TestStore;
  let app: FastifyInstance;
  let care: CareQueue;
  let alerts: TestAlerts;
  let ctx: BrowserContext;
  let page: Page;
  let base = '';
  let token = '';
  let profile = '';
  const dialogs: string[] = [];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    [redis, ch] = await Promise.all([startTestRedis(), openTestStore()]);
    const clock = new SystemClock();
    const now = clock.now();
    const prefix = redis.prefix();
    const config = buildConfig({ brands: [{ name: 'Acme', query: 'acme' }], sources: [], care: { agents: [{ name: 'ana', languages: ['en'] }] } }, 'test.yaml');
    const r = redis.connect();
    care = createCareQueue({ config, redis: r, store: ch.store, clock, prefix, logger: silentLogger });
    alerts = new TestAlerts(() => clock.now());
    app = await createApiServer({ config, store: ch.store, redis: r, prefix, metrics: new Metrics(), clock, logger: silentLogger, care, alerts });
    await app.listen({ host: '127.0.0.1', port: 0 });
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    token = (await createAuth({ redis: r, prefix, clock }).create('ana', 'agent')).token;

    await care.ingest([
      classified({ id: 'c1', author: 'maria_k', source: 'mastodon', text: 'Third day without internet from @acme. Nobody answers the hotline. Seriously?', reach: 4200, negative: true, publishedAt: now - 12 * 60_000 }, now),
      classified({ id: 'x1', author: 'h4x0r', text: XSS, reach: 12, publishedAt: now - 5 * 60_000 }, now),
      classified({ id: 'q1', author: 'tom', intent: 'question', text: 'Does the Acme Pro plan include the router? Thinking of switching.', reach: 310, publishedAt: now - 40 * 60_000 }, now),
      classified({ id: 'l1', author: 'startup_lea', intent: 'lead', source: 'hackernews', text: 'We need 40 seats of something like Acme Business by next month, any experiences?', reach: 900, publishedAt: now - 20 * 60_000 }, now),
    ]);
    // A day of volume with an afternoon spike of anger, and the alert it raised.
    const rows = [];
    for (let i = 0; i < 144; i++) {
      const at = now - 86_400_000 + i * 600_000;
      const spike = i >= 118 && i <= 126;
      const n = spike ? 10 + (i - 118) * 2 : 1 + (i % 4 === 0 ? 2 : 1);
      for (let j = 0; j < n; j++) rows.push({ id: `reddit:p${i}-${j}`, brand: 'Acme', at: at + j * 1000, label: spike && j % 4 ? 'negative' as const : 'neutral' as const, score: spike && j % 4 ? -0.7 : 0.2 });
    }
    await insertMentions(ch.store, rows);
    await insertMentions(ch.store, [
      { id: 'reddit:s1', brand: 'Acme', at: now - 3 * 3_600_000, text: 'Acme outage again?! Fourth time this month.', author: 'jules' },
      { id: 'reddit:s2', brand: 'Acme', at: now - 3 * 3_600_000 + 60_000, text: XSS, author: 'h4x0r' },
    ]);
    const firedAt = now - 86_400_000 + 120 * 600_000;
    await writeEvents(ch.store, [{ at: firedAt, kind: 'alert', type: 'fired', entityId: 'al-1', brand: 'Acme', severity: 'critical', data: { kind: 'negative_share', title: 'Negative share spike for Acme' } }]);
    alerts.add({
      id: 'al-1', kind: 'negative_share', title: 'Negative share spike for Acme: 71% negative (expected 18%)', firedAt: new Date(firedAt).toISOString(),
      explanation: { observed: 0.71, expected: 0.18, band: [0.08, 0.3], score: 0.98, windowStart: new Date(firedAt - 900_000).toISOString(), windowEnd: new Date(firedAt).toISOString(), topTerms: ['outage', 'hotline', 'refund'], sampleMentionIds: ['reddit:s1', 'reddit:s2'], summary: 'Negative mentions of Acme rose to 71% in 15 minutes, four times the usual share.' },
    });

    profile = mkdtempSync(join(tmpdir(), 'earshot-chromium-'));
    ctx = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 1200, height: 900 },
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    page = ctx.pages()[0] ?? (await ctx.newPage());
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    page.on('pageerror', (e) => pageErrors.push(e.message));
    page.on('console', (m) => {
      // CSP violations are reported on the console ("Refused to …"); failed requests (the wrong-token 401) are expected.
      if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) pageErrors.push(m.text());
    });
    mkdirSync(SHOTS, { recursive: true });
  }, 120_000); // launching Chromium on a loaded CI machine can take a while

  afterAll(async () => {
    await ctx?.close();
    await app?.close();
    await redis?.stop();
    await ch?.cleanup();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  it('logs in with a token (rejecting a wrong one)', async () => {
    await page.goto(base + '/');
    await page.fill('#token', 'es_000000000000_' + 'A'.repeat(43));
    await page.click('#login-form button[type=submit]');
    await page.waitForSelector('#login-error:has-text("unknown or revoked")');
    await page.fill('#token', token);
    await page.click('#login-form button[type=submit]');
    await page.waitForSelector('#queue-list article');
    expect(await page.textContent('#who')).toContain('ana');
  });

  it('shows hostile mention text literally and runs nothing', async () => {
    const text = page.locator('#queue-list blockquote .text', { hasText: XSS });
    await expect(text.count()).resolves.toBe(1);
    expect(await text.textContent()).toBe(XSS);
    expect(await page.locator('#queue-list img').count()).toBe(0);
    expect(dialogs).toEqual([]);
  });

  it('claims and resolves an item', async () => {
    const id = (await care.list()).items.find((i) => i.mentions[0]!.id === 'mastodon:c1')!.id;
    const card = page.locator(`article[data-id="${id}"]`);
    await card.locator('button', { hasText: 'Claim' }).click();
    await page.waitForSelector(`article[data-id="${id}"][data-state="claimed"]`);
    expect((await care.get(id))?.claimedBy).toBe('ana');
    await shot(page, 'queue.png');
    await page.locator(`article[data-id="${id}"] button`, { hasText: 'Resolve' }).click();
    await page.waitForSelector(`article[data-id="${id}"]`, { state: 'detached' });
    expect((await care.get(id))?.state).toBe('resolved');
  });

  it('shows an alert with its explanation and samples, and acknowledges it', async () => {
    await page.click('#nav a[data-view=alerts]');
    await page.waitForSelector('#alert-list article[data-id="al-1"]');
    await page.click('#alert-list article[data-id="al-1"] button:has-text("Show sample mentions")');
    await page.waitForSelector('#alert-list .samples blockquote');
    expect(await page.locator('#alert-list .samples .text').allTextContents()).toContain(XSS);
    expect(await page.locator('#alert-list img').count()).toBe(0);
    await shot(page, 'alerts.png');
    await page.click('#alert-list article[data-id="al-1"] button:has-text("Acknowledge")');
    await page.waitForSelector('#alert-list article[data-id="al-1"]', { state: 'detached' });
    expect(alerts.alerts.get('al-1')).toMatchObject({ status: 'acknowledged', acknowledgedBy: 'ana' });
    // An agent has no silence button: the page follows the role matrix.
    await page.selectOption('select[name=status]', 'acknowledged');
    await page.waitForSelector('#alert-list article[data-id="al-1"]');
    expect(await page.locator('#alert-list button:has-text("Silence")').count()).toBe(0);
  });

  it('draws the brand pulse with alert markers', async () => {
    await page.click('#nav a[data-view=pulse]');
    await page.waitForSelector('#pulse-chart canvas');
    await page.waitForSelector('#pulse-alerts li:has-text("Negative share spike")');
    expect(await page.textContent('#pulse-stats')).toMatch(/\d+mentions \(24h\)/);
    await shot(page, 'pulse.png');
    await page.click('button[data-range="7d"]');
    await page.waitForSelector('#pulse-stats:has-text("mentions (7d)")');
    expect(dialogs).toEqual([]);
    expect(pageErrors, pageErrors.join(' | ')).toEqual([]);
  });
});
