import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'earshot-classify-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function classify(input: string, args: string[] = []): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('node', ['bin/earshot.js', 'classify', ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

describe('earshot classify', () => {
  it('enriches every good line in order, keeps unknown fields, reports bad lines by number and goes on', { timeout: 120_000 }, async () => {
    const config = join(dir, 'acme.yaml');
    writeFileSync(config, 'brands:\n  - name: Acme\n    query: acme OR @acme\n');
    const lines = [
      JSON.stringify({ text: 'Wo kann ich den neuen Acme Router kaufen?', author: { followers: 5000 }, vendorScore: 7 }),
      '{"text": "broken',
      JSON.stringify({ text: 'Rückruf und Datenleck bei @acme, das wird ein Shitstorm' }),
      '[1,2]',
      JSON.stringify({ source: 'x', id: '9', text: 'I love the new Acme app, great job!', publishedAt: '2026-03-02T10:00:00Z', language: 'en' }),
      JSON.stringify({ text: 'Hello world, nothing to see' }),
    ];
    const { code, stdout, stderr } = await classify(lines.join('\n') + '\n', ['--config', config]);
    expect(code).toBe(0);
    const out = stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(out.map((o) => o.text)).toEqual([
      'Wo kann ich den neuen Acme Router kaufen?',
      'Rückruf und Datenleck bei @acme, das wird ein Shitstorm',
      'I love the new Acme app, great job!',
      'Hello world, nothing to see',
    ]);
    for (const o of out) {
      expect(o.language).toMatch(/^([a-z]{2}|und)$/);
      const s = o.sentiment as { score: number; label: string };
      expect(s.score).toBeGreaterThanOrEqual(-1);
      expect(s.score).toBeLessThanOrEqual(1);
      expect(['negative', 'neutral', 'positive']).toContain(s.label);
      expect(Array.isArray(o.brands)).toBe(true);
      expect(Array.isArray(o.intents)).toBe(true);
      expect(typeof o.reach).toBe('number');
    }
    const [lead, crisis, praise, none] = out as [Record<string, unknown>, Record<string, unknown>, Record<string, unknown>, Record<string, unknown>];
    expect(lead).toMatchObject({ vendorScore: 7, language: 'de', brands: ['Acme'] });
    expect((lead.intents as Array<{ name: string }>).map((i) => i.name)).toContain('lead');
    expect((lead.reach as number) > 0).toBe(true);
    expect(crisis).toMatchObject({ brands: ['Acme'], sentiment: { label: 'negative' } });
    expect((crisis.intents as Array<{ name: string }>).map((i) => i.name)).toContain('crisis_risk');
    expect(praise).toMatchObject({ language: 'en', source: 'x', id: '9', sentiment: { label: 'positive' } });
    expect(none.brands).toEqual([]);
    expect(stderr).toMatch(/line 2: invalid JSON/);
    expect(stderr).toMatch(/line 4: expected a JSON object/);
  });
});
