import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Clock } from '../core/clock.ts';

/**
 * API tokens with roles. A token is `es_<id>_<secret>`; only sha256(secret)
 * is stored (Redis hash `<prefix>:api:tokens`, field = id), compared in
 * constant time. The secret has 256 bits, so a plain hash is enough (no KDF).
 */
export const ROLES = ['agent', 'supervisor', 'comms', 'admin', 'read-only'] as const;
export type Role = (typeof ROLES)[number];

const ALL: readonly Role[] = ROLES;
/** The role matrix; care/README.md and api/README.md show the same table. */
export const PERMISSIONS = {
  'care:read': ALL,
  /** claim, respond, resolve, dismiss, snooze (own or unclaimed items) */
  'care:work': ['agent', 'supervisor', 'admin'],
  /** reassign, and act on items another agent claimed */
  'care:supervise': ['supervisor', 'admin'],
  'alerts:read': ALL,
  'alerts:ack': ['agent', 'supervisor', 'comms', 'admin'],
  'alerts:resolve': ['supervisor', 'comms', 'admin'],
  'alerts:silence': ['supervisor', 'comms', 'admin'],
  'brands:read': ALL,
} as const satisfies Record<string, readonly Role[]>;
export type Permission = keyof typeof PERMISSIONS;

export function can(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}

export function permissionsOf(role: Role): Permission[] {
  return (Object.keys(PERMISSIONS) as Permission[]).filter((p) => can(role, p));
}

export interface Principal {
  id: string;
  name: string;
  role: Role;
}

export interface TokenRecord extends Principal {
  createdAt: string;
  hash: string;
}

export interface Auth {
  /** Returns the token once; it cannot be shown again. */
  create(name: string, role: Role): Promise<{ token: string; id: string }>;
  verify(token: string): Promise<Principal | null>;
  list(): Promise<Array<Omit<TokenRecord, 'hash'>>>;
  /** True when a token with that id (or name) existed. */
  revoke(idOrName: string): Promise<boolean>;
  /**
   * Counts one request of `subject` in the current minute; `retryAfterS` > 0
   * when over `limit` (fixed window in Redis, shared by every API process).
   */
  hit(subject: string, limit: number): Promise<{ allowed: boolean; retryAfterS: number }>;
}

const TOKEN_RE = /^es_([a-f0-9]{12})_([A-Za-z0-9_-]{43})$/;
const sha256 = (s: string) => createHash('sha256').update(s).digest();

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

export function createAuth(opts: { redis: Redis; prefix: string; clock: Clock }): Auth {
  const { redis, clock } = opts;
  const key = `${opts.prefix}:api:tokens`;
  return {
    async create(name, role) {
      const clean = name.trim();
      if (!/^[\w .@-]{1,64}$/.test(clean)) throw new Error('name: use 1–64 letters, digits, spaces, ".", "@", "_" or "-"');
      if (!isRole(role)) throw new Error(`role: must be one of ${ROLES.join(', ')}`);
      const id = randomBytes(6).toString('hex');
      const secret = randomBytes(32).toString('base64url');
      const rec: TokenRecord = { id, name: clean, role, createdAt: new Date(clock.now()).toISOString(), hash: sha256(secret).toString('hex') };
      await redis.hset(key, id, JSON.stringify(rec));
      return { token: `es_${id}_${secret}`, id };
    },

    async verify(token) {
      const m = TOKEN_RE.exec(token);
      const raw = m ? await redis.hget(key, m[1] ?? '') : null;
      // Hash anyway when unknown, so timing does not tell whether an id exists.
      const given = sha256(m?.[2] ?? token);
      if (!raw) return null;
      const rec = JSON.parse(raw) as TokenRecord;
      const stored = Buffer.from(rec.hash, 'hex');
      if (stored.length !== given.length || !timingSafeEqual(stored, given)) return null;
      return { id: rec.id, name: rec.name, role: rec.role };
    },

    async list() {
      const all = await redis.hgetall(key);
      return Object.values(all)
        .map((v) => JSON.parse(v) as TokenRecord)
        .map(({ hash: _hash, ...rest }) => rest)
        .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.name.localeCompare(b.name));
    },

    async revoke(idOrName) {
      const all = await redis.hgetall(key);
      const ids = Object.values(all)
        .map((v) => JSON.parse(v) as TokenRecord)
        .filter((r) => r.id === idOrName || r.name === idOrName)
        .map((r) => r.id);
      if (!ids.length) return false;
      await redis.hdel(key, ...ids);
      return true;
    },

    async hit(subject, limit) {
      const now = clock.now();
      const window = Math.floor(now / 60_000);
      const k = `${opts.prefix}:api:rl:${subject}:${window}`;
      const res = await redis.multi().incr(k).pexpire(k, 61_000).exec();
      const count = Number(res?.[0]?.[1] ?? 0);
      if (count <= limit) return { allowed: true, retryAfterS: 0 };
      return { allowed: false, retryAfterS: Math.max(1, Math.ceil(((window + 1) * 60_000 - now) / 1000)) };
    },
  };
}
