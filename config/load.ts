import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import type { z } from 'zod';
import { ConfigError, type ConfigIssue } from '../core/errors.ts';
import { registerSecret } from '../core/logger.ts';
import { fromRoot } from '../core/paths.ts';
import { configSchema, type ParsedConfig, type SourceConfig } from './schema.ts';
import { collectorTypes } from '../collectors/registry.ts';

export const DEFAULT_CONFIG_FILE = fromRoot('config', 'default.yaml');

export interface ResolvedSource extends Omit<SourceConfig, 'options'> {
  /** Options after the collector's own schema: defaults filled in. */
  options: unknown;
}

export interface Config extends Omit<ParsedConfig, 'sources'> {
  /** Configured sources, or the demo source when none are configured. */
  sources: ResolvedSource[];
  /** True when `sources` was absent and the demo source was added. */
  demo: boolean;
  /** The file it came from, for messages. */
  file: string;
}

/** `brands[1].query` from a zod path. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out ? `.${String(p)}` : String(p);
  return out;
}

const ENV_REF = /\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g;
const SECRETISH = /secret|token|password|passwd|key|credential|dsn|url/i;

function substitute(value: unknown, env: NodeJS.ProcessEnv, path: PropertyKey[], issues: ConfigIssue[]): unknown {
  if (typeof value === 'string') {
    return value.replace(ENV_REF, (_m, name: string, fallback: string | undefined) => {
      const v = env[name];
      if (v !== undefined && v !== '') {
        if (SECRETISH.test(name) || v.length >= 16) registerSecret(v);
        return v;
      }
      if (fallback !== undefined) return fallback;
      issues.push({
        path: formatPath(path),
        message: `environment variable ${name} is not set; export it, or write \${${name}:-default} for a default`,
      });
      return '';
    });
  }
  if (Array.isArray(value)) return value.map((v, i) => substitute(v, env, [...path, i], issues));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = substitute(v, env, [...path, k], issues);
    return out;
  }
  return value;
}

function zodIssues(error: z.ZodError, prefix: PropertyKey[] = []): ConfigIssue[] {
  return error.issues.map((i) => {
    let message = i.message;
    if (i.code === 'unrecognized_keys') message = `unknown key${i.keys.length > 1 ? 's' : ''} ${i.keys.map((k) => `"${k}"`).join(', ')}; check the spelling against config/default.yaml`;
    if (i.code === 'invalid_type' && /received undefined/.test(i.message)) message = `is required (${i.message})`;
    return { path: formatPath([...prefix, ...i.path]), message };
  });
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

export const DEMO_SOURCE: SourceConfig = {
  name: 'demo',
  type: 'demo',
  schedule: '*/10 * * * * *',
  enabled: true,
  options: {},
};

/**
 * Deployment settings the environment may override without editing the file
 * (containers bind 0.0.0.0; the file's default is loopback). CLICKHOUSE_URL and
 * REDIS_URL are read where the store and Redis are opened (core/runtime.ts).
 */
function applyEnvOverrides(doc: unknown, env: NodeJS.ProcessEnv): unknown {
  if (!env.EARSHOT_API_HOST && !env.EARSHOT_API_PORT) return doc;
  const root = (doc && typeof doc === 'object' ? { ...(doc as Record<string, unknown>) } : {}) as Record<string, unknown>;
  const api = { ...((root.api as Record<string, unknown> | undefined) ?? {}) };
  if (env.EARSHOT_API_HOST) api.host = env.EARSHOT_API_HOST;
  if (env.EARSHOT_API_PORT) api.port = Number(env.EARSHOT_API_PORT);
  root.api = api;
  return root;
}

/** Validates a parsed YAML document (after `${ENV}` substitution) into a frozen Config. */
export function buildConfig(doc: unknown, file: string, env: NodeJS.ProcessEnv = process.env): Config {
  const issues: ConfigIssue[] = [];
  const substituted = applyEnvOverrides(substitute(doc ?? {}, env, [], issues), env);
  if (issues.length) throw new ConfigError(issues, file);
  const parsed = configSchema.safeParse(substituted);
  if (!parsed.success) throw new ConfigError(zodIssues(parsed.error), file);

  const demo = parsed.data.sources === undefined;
  const sources = parsed.data.sources ?? [DEMO_SOURCE];
  const resolved: ResolvedSource[] = [];
  sources.forEach((s, i) => {
    const def = collectorTypes[s.type];
    if (!def) {
      issues.push({
        path: formatPath(['sources', i, 'type']),
        message: `unknown source type "${s.type}"; one of: ${Object.keys(collectorTypes).sort().join(', ')}`,
      });
      return;
    }
    const opts = def.options.safeParse(s.options);
    if (!opts.success) issues.push(...zodIssues(opts.error, ['sources', i, 'options']));
    else resolved.push({ ...s, options: opts.data });
  });
  if (issues.length) throw new ConfigError(issues, file);

  return deepFreeze({ ...parsed.data, sources: resolved, demo, file });
}

/**
 * YAML → `${ENV}` substitution → validation → frozen. With no file: `EARSHOT_CONFIG`,
 * else the bundled config/default.yaml. Throws a ConfigError naming every bad path.
 */
export function loadConfig(file?: string, env: NodeJS.ProcessEnv = process.env): Config {
  const path = resolve(file ?? env.EARSHOT_CONFIG ?? DEFAULT_CONFIG_FILE);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new ConfigError([{ path: '', message: `cannot read config file: ${(err as Error).message}` }], path);
  }
  let doc: unknown;
  try {
    doc = parseYaml(text, { prettyErrors: true });
  } catch (err) {
    const msg = err instanceof YAMLParseError ? err.message.split('\n')[0] ?? err.message : String(err);
    throw new ConfigError([{ path: '', message: `not valid YAML: ${msg}` }], path);
  }
  return buildConfig(doc, path, env);
}
