import { z } from 'zod';

/** `sources[].options` of the `demo` source. */
export const demoOptions = z
  .object({
    /** Mentions generated per minute of (clock) time, on average. Default 12. */
    perMinute: z.number().min(0).max(10_000).default(12),
    /** Most mentions one run generates (after a long pause the rest is skipped). Default 50. */
    maxItemsPerRun: z.number().int().min(1).max(100_000).default(50),
    /** Seed of the generator: the same seed and clock give the same mentions. Default 1. */
    seed: z.number().int().default(1),
  })
  .strict();

export type DemoOptions = z.output<typeof demoOptions>;
