import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { buildConfig, DEFAULT_CONFIG_FILE } from '../config/load.ts';
import { collectorTypes } from './registry.ts';

/** Telegraf-style meta-test: every registered collector is a complete, documented folder. */
describe('collector registry', () => {
  it.each(Object.entries(collectorTypes))('%s is registered under its own type, described and documented', (key, def) => {
    expect(def.type).toBe(key);
    expect(def.description.length).toBeGreaterThan(10);
    const folder = join(import.meta.dirname, def.type);
    expect(existsSync(join(folder, 'index.ts')), `${folder}/index.ts`).toBe(true);
    expect(existsSync(join(folder, 'README.md')), `${folder}/README.md documents the source`).toBe(true);
  });

  it('the commented sources example in config/default.yaml is valid when uncommented', () => {
    const lines = readFileSync(DEFAULT_CONFIG_FILE, 'utf8').split('\n');
    const start = lines.findIndex((l) => l.startsWith('# sources:'));
    expect(start).toBeGreaterThan(-1);
    const block: string[] = [];
    for (const l of lines.slice(start)) {
      if (!l.startsWith('#')) break;
      block.push(l.replace(/^# ?/, ''));
    }
    const doc = parse(block.join('\n')) as { sources: Array<{ type: string }> };
    expect(doc.sources.map((s) => s.type)).toEqual(expect.arrayContaining(['rss', 'jsonl-import', 'demo']));
    const config = buildConfig({ sources: doc.sources }, 'default.yaml (sources example)', {});
    expect(config.demo).toBe(false);
  });

  it('the default config keeps sources absent, so the demo runs', () => {
    const config = buildConfig(parse(readFileSync(DEFAULT_CONFIG_FILE, 'utf8')), 'default.yaml', {});
    expect(config.demo).toBe(true);
    expect(config.sources.map((s) => s.type)).toEqual(['demo']);
  });
});
