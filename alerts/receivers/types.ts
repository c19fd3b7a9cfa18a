import type { Dispatcher } from 'undici';
import type { Clock } from '../../core/clock.ts';
import type { Logger } from '../../core/logger.ts';
import type { ReceiverConfig } from '../config.ts';
import type { Notification } from '../types.ts';

/**
 * A receiver sends one notification. It throws a RetryableError (5xx, 429,
 * network) or a PermanentError (4xx, rejected payload); the delivery queue
 * decides retries from that alone.
 */
export interface Receiver {
  readonly name: string;
  readonly type: string;
  send(notification: Notification, signal: AbortSignal): Promise<void>;
}

export interface ReceiverDeps {
  /** undici dispatcher for HTTP receivers (tests pass a MockAgent or hit a 127.0.0.1 server). */
  dispatcher: Dispatcher;
  clock: Clock;
  logger: Logger;
}

export type ReceiverFactory<T extends ReceiverConfig['type']> = (
  config: Extract<ReceiverConfig, { type: T }>,
  deps: ReceiverDeps,
) => Receiver;
