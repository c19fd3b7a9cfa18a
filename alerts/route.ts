import type { RouteConfig } from './config.ts';
import { matchAll } from './matchers.ts';
import type { Matcher } from './service.ts';

/** A route with its inherited options filled in (Alertmanager's dispatch/route.go). */
export interface Route {
  /** Position in the tree, e.g. `0.2.1`: stable while the config is. */
  id: string;
  receiver: string;
  matchers: Matcher[];
  groupBy: string[];
  groupWait: number;
  groupInterval: number;
  repeatInterval: number;
  continue: boolean;
  escalation: string | undefined;
  routes: Route[];
}

const ROOT_DEFAULTS = { groupBy: ['brand'], groupWait: 30_000, groupInterval: 300_000, repeatInterval: 4 * 3_600_000 };

export function buildRoute(cfg: RouteConfig, parent?: Route, id = '0'): Route {
  const r: Route = {
    id,
    receiver: cfg.receiver ?? parent?.receiver ?? 'default',
    matchers: cfg.matchers,
    groupBy: cfg.group_by ?? parent?.groupBy ?? ROOT_DEFAULTS.groupBy,
    groupWait: cfg.group_wait ?? parent?.groupWait ?? ROOT_DEFAULTS.groupWait,
    groupInterval: cfg.group_interval ?? parent?.groupInterval ?? ROOT_DEFAULTS.groupInterval,
    repeatInterval: cfg.repeat_interval ?? parent?.repeatInterval ?? ROOT_DEFAULTS.repeatInterval,
    continue: cfg.continue,
    escalation: cfg.escalation ?? parent?.escalation,
    routes: [],
  };
  r.routes = cfg.routes.map((c, i) => buildRoute(c, r, `${id}.${i}`));
  return r;
}

/**
 * The routes an alert goes to: depth-first, the deepest matching route wins; among
 * siblings the first match wins unless it says `continue`. The root always matches.
 */
export function matchRoutes(route: Route, labels: Readonly<Record<string, string>>): Route[] {
  if (!matchAll(route.matchers, labels)) return [];
  const out: Route[] = [];
  for (const child of route.routes) {
    const m = matchRoutes(child, labels);
    if (m.length) {
      out.push(...m);
      if (!child.continue) break;
    }
  }
  return out.length ? out : [route];
}

export function findRoute(route: Route, id: string): Route | undefined {
  if (route.id === id) return route;
  for (const c of route.routes) {
    const f = findRoute(c, id);
    if (f) return f;
  }
  return undefined;
}

export function groupKey(route: Route, labels: Readonly<Record<string, string>>): { key: string; labels: Record<string, string> } {
  const gl: Record<string, string> = {};
  for (const l of route.groupBy) gl[l] = labels[l] ?? '';
  return { key: `${route.id}|${route.groupBy.map((l) => `${l}=${gl[l]}`).join(',')}`, labels: gl };
}
