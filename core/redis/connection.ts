import { Redis } from 'ioredis';

/**
 * BullMQ needs `maxRetriesPerRequest: null` (blocking commands must wait out a
 * reconnect instead of failing). Every Redis connection is made here.
 */
export function createRedis(url: string, options: { lazyConnect?: boolean } = {}): Redis {
  return new Redis(url, { maxRetriesPerRequest: null, enableReadyCheck: true, lazyConnect: options.lazyConnect ?? false });
}
