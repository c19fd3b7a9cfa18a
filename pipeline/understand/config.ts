import { z } from 'zod';

/**
 * The `understanding:` config section (language, sentiment, intents).
 * Defaults were calibrated on the dev parts of the public labelled sets
 * (see pipeline/eval/README.md), so an empty section is a complete one.
 */

const thresholds = z
  .object({
    /** Scores at or below this are "negative". */
    negative: z.number().min(-1).max(0),
    /** Scores at or above this are "positive". */
    positive: z.number().min(0).max(1),
  })
  .strict();

/** Calibrated on the dev splits (70% by id hash) of SB-10k + GermEval 2017 dev (de) and SemEval 2013–2016 (en). */
export const DEFAULT_THRESHOLDS = {
  de: { negative: -0.25, positive: 0.4 },
  en: { negative: -0.375, positive: 0.375 },
  other: { negative: -0.325, positive: 0.4 },
} as const;

const term = z.string().trim().min(2, 'a crisis term needs at least 2 characters').max(100);

export const understandingSchema = z
  .object({
    language: z
      .object({
        /** Texts with fewer letters than this get language "und". Default 3. */
        minLetters: z.number().int().min(1).max(100).default(3),
      })
      .strict()
      .prefault({}),
    sentiment: z
      .object({
        /** Label thresholds per language (`de`, `en`, `other`); defaults calibrated on data. */
        thresholds: z
          .object({
            de: thresholds.default({ ...DEFAULT_THRESHOLDS.de }),
            en: thresholds.default({ ...DEFAULT_THRESHOLDS.en }),
            other: thresholds.default({ ...DEFAULT_THRESHOLDS.other }),
          })
          .strict()
          .prefault({}),
        /**
         * English (and `und`) sentiment model: "builtin" (the bundled one, trained on earshot's own examples),
         * "none" (rules only) or the path of a model made by `earshot train --task sentiment`. Default "builtin".
         */
        model: z.string().trim().min(1, 'use "builtin", "none" or the path of a model file').default('builtin'),
        /**
         * The model's label replaces the rules' only when its probability reaches this. Default: the model's own
         * (the bundled model's is fitted on general tweets; lower it, e.g. 0.7, for service mentions, where the
         * model is much better than the rules at complaints without sentiment words).
         */
        minConfidence: z.number().min(0).max(1).optional(),
      })
      .strict()
      .prefault({}),
    intents: z
      .object({
        /** Path of an intent model made by `earshot train`; empty = the bundled model. Default "". */
        model: z.string().default(''),
        /** An intent is reported when its confidence reaches this. Default 0.5. */
        threshold: z.number().min(0).max(1).default(0.5),
        /** Crisis terms added to the built-in list, for every brand. Default []. */
        crisisTerms: z.array(term).default([]),
        /** Crisis terms for one brand only: brand name → terms. Default {}. */
        brandCrisisTerms: z.record(z.string(), z.array(term)).default({}),
      })
      .strict()
      .prefault({}),
  })
  .strict();

export type ParsedUnderstandingConfig = z.output<typeof understandingSchema>;
