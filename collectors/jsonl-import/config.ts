import { z } from 'zod';

/** `sources[].options` of a `jsonl-import` source. */
export const jsonlImportOptions = z
  .object({
    /** A `.jsonl` or `.jsonl.gz` file of interchange mentions, or `-` for stdin. Required. */
    path: z.string().min(1, 'give a .jsonl / .jsonl.gz file, or "-" for stdin'),
    /** Fills `source` on lines that have none (lines with their own `source` keep it). Default: none. */
    source: z
      .string()
      .regex(/^[a-z0-9][a-z0-9_.-]{0,63}$/i, 'use letters, digits, "_", "-" or "."')
      .optional(),
    /** Most lines read per run; the next run continues after them (files only). Default 50000. */
    maxItemsPerRun: z.number().int().min(1).max(10_000_000).default(50_000),
    /** Longer lines are rejected with their line number. Default 4 MiB. */
    maxLineBytes: z.number().int().min(1024).default(4 * 1024 * 1024),
  })
  .strict();

export type JsonlImportOptions = z.output<typeof jsonlImportOptions>;
