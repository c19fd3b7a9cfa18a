import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fromRoot } from '../core/paths.ts';
import type { FastifyInstance } from 'fastify';

const WEB_DIR = fromRoot('care', 'web');
const uplotDist = dirname(createRequire(import.meta.url).resolve('uplot'));

/** URL → [file, content type]. A fixed list: nothing else on disk can be reached through it. */
const FILES: Record<string, [string, string]> = {
  '/': [join(WEB_DIR, 'index.html'), 'text/html; charset=utf-8'],
  '/app.js': [join(WEB_DIR, 'app.js'), 'text/javascript; charset=utf-8'],
  '/api.js': [join(WEB_DIR, 'api.js'), 'text/javascript; charset=utf-8'],
  '/dom.js': [join(WEB_DIR, 'dom.js'), 'text/javascript; charset=utf-8'],
  '/queue.js': [join(WEB_DIR, 'queue.js'), 'text/javascript; charset=utf-8'],
  '/alerts.js': [join(WEB_DIR, 'alerts.js'), 'text/javascript; charset=utf-8'],
  '/pulse.js': [join(WEB_DIR, 'pulse.js'), 'text/javascript; charset=utf-8'],
  '/style.css': [join(WEB_DIR, 'style.css'), 'text/css; charset=utf-8'],
  '/vendor/uplot.js': [join(uplotDist, 'uPlot.iife.min.js'), 'text/javascript; charset=utf-8'],
  '/vendor/uplot.css': [join(uplotDist, 'uPlot.min.css'), 'text/css; charset=utf-8'],
};

/** Serves the web page: a handful of small files read once at start. */
export function registerWeb(app: FastifyInstance): void {
  // Browsers ask for it on every page; no icon is better than a 404 in every log.
  app.get('/favicon.ico', async (_req, reply) => reply.code(204).send());
  for (const [url, [file, type]] of Object.entries(FILES)) {
    let body: Buffer;
    try {
      body = readFileSync(file);
    } catch {
      continue; // a missing optional file is simply not served
    }
    app.get(url, async (_req, reply) => reply.type(type).header('cache-control', 'no-cache').send(body));
  }
}
