import { ValidationError } from './errors.ts';

/**
 * The Mention JSONL interchange shape (import, replay, classify, webhook push).
 * Other tools produce it: these field names are fixed. Unknown fields are kept.
 */
export interface MentionInput {
  source: string;
  id: string;
  text: string;
  publishedAt: string;
  url?: string;
  title?: string;
  language?: string;
  author?: { id?: string; name?: string; followers?: number; url?: string };
  engagement?: { likes?: number; shares?: number; replies?: number };
  rating?: number;
  parentId?: string;
  country?: string;
  [extra: string]: unknown;
}

export type SentimentLabel = 'negative' | 'neutral' | 'positive';
export const INTENT_NAMES = ['lead', 'complaint', 'question', 'praise', 'crisis_risk', 'spam'] as const;
export type IntentName = (typeof INTENT_NAMES)[number];

export interface Intent {
  name: IntentName;
  confidence: number;
}

/** The normalised mention every stage after `normalize` works on. */
export interface Mention {
  /** Stable id: `<source>:<native id>`. */
  id: string;
  source: string;
  nativeId: string;
  url: string;
  title: string;
  text: string;
  /** ISO 639-1 code or `und`; the source's own tag when it had one. */
  language: string;
  /** True when `language` came from the source, so detection must not override it. */
  languageFromSource: boolean;
  publishedAt: number;
  collectedAt: number;
  author: { id: string; name: string; followers: number | null; url: string };
  engagement: { likes: number; shares: number; replies: number };
  rating: number | null;
  parentId: string;
  country: string;
  /** Unknown interchange fields, kept verbatim. */
  raw: Record<string, unknown>;
  brands: string[];
  sentiment: { score: number; label: SentimentLabel };
  intents: Intent[];
  reach: number;
}

const KNOWN = new Set([
  'source', 'id', 'text', 'publishedAt', 'url', 'title', 'language', 'author', 'engagement',
  'rating', 'parentId', 'country', 'collectedAt',
]);

export interface ToMentionOptions {
  /** `classify` needs only `text`: a missing id/source/publishedAt is generated. */
  lenient?: boolean;
  /** Used for `collectedAt` and, when lenient, for a missing `publishedAt`. */
  now: number;
  /** Texts longer than this are cut (user text is hostile: cap it). */
  maxTextLength: number;
  /** Used to generate an id when lenient and none is given. */
  fallbackId?: string;
}

function str(obj: Record<string, unknown>, field: string, path = field): string | undefined {
  const v = obj[field];
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  throw new ValidationError(`must be a string, got ${typeof v}`, path);
}

function num(obj: Record<string, unknown>, field: string, path: string): number | undefined {
  const v = obj[field];
  if (v === undefined || v === null || v === '') return undefined;
  const n = typeof v === 'string' ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isFinite(n)) throw new ValidationError(`must be a number, got ${JSON.stringify(v)}`, path);
  return n;
}

function count(obj: Record<string, unknown> | undefined, field: string): number {
  if (!obj) return 0;
  const n = num(obj, field, `engagement.${field}`) ?? 0;
  if (n < 0) throw new ValidationError('must not be negative', `engagement.${field}`);
  return Math.min(Math.round(n), 4_294_967_295);
}

function record(v: unknown, path: string): Record<string, unknown> | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'object' || Array.isArray(v)) throw new ValidationError('must be an object', path);
  return v as Record<string, unknown>;
}

export function parseTime(value: string, field: string): number {
  const t = Date.parse(value);
  if (!Number.isFinite(t)) {
    throw new ValidationError(`"${value.slice(0, 40)}" is not a date; use ISO 8601, e.g. 2026-03-02T14:05:31Z`, field);
  }
  return t;
}

/**
 * Validates one interchange object and turns it into a Mention (text not yet
 * cleaned: the normalize stage does that). Throws a ValidationError naming the field.
 */
export function toMention(input: unknown, options: ToMentionOptions): Mention {
  const obj = record(input, '(line)');
  if (!obj) throw new ValidationError('expected a JSON object', '(line)');
  const lenient = options.lenient ?? false;

  const text = str(obj, 'text');
  if (text === undefined) throw new ValidationError('is required (the mention text)', 'text');
  let source = str(obj, 'source')?.trim();
  let nativeId = str(obj, 'id')?.trim();
  const published = str(obj, 'publishedAt');
  if (!lenient) {
    if (!source) throw new ValidationError('is required (e.g. "reddit")', 'source');
    if (!nativeId) throw new ValidationError('is required (the id the source gave the post)', 'id');
    if (!published) throw new ValidationError('is required (ISO 8601, e.g. 2026-03-02T14:05:31Z)', 'publishedAt');
  }
  source ||= 'unknown';
  nativeId ||= options.fallbackId ?? String(options.now);
  if (!/^[a-z0-9][a-z0-9_.-]{0,63}$/i.test(source)) {
    throw new ValidationError('must be a short name of letters, digits, "_", "-" or "."', 'source');
  }
  const publishedAt = published ? parseTime(published, 'publishedAt') : options.now;

  const author = record(obj.author, 'author');
  const engagement = record(obj.engagement, 'engagement');
  const followers = author ? num(author, 'followers', 'author.followers') : undefined;
  const rating = num(obj, 'rating', 'rating');
  const language = str(obj, 'language')?.trim().toLowerCase();

  const raw: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) if (!KNOWN.has(k)) raw[k] = v;

  return {
    id: nativeId.startsWith(`${source}:`) ? nativeId : `${source}:${nativeId}`,
    source,
    nativeId,
    url: str(obj, 'url') ?? '',
    title: str(obj, 'title') ?? '',
    text: text.length > options.maxTextLength ? text.slice(0, options.maxTextLength) : text,
    language: language || 'und',
    languageFromSource: Boolean(language && language !== 'und'),
    publishedAt,
    collectedAt: options.now,
    author: {
      id: (author && str(author, 'id', 'author.id')) ?? '',
      name: (author && str(author, 'name', 'author.name')) ?? '',
      followers: followers === undefined ? null : Math.max(0, Math.round(followers)),
      url: (author && str(author, 'url', 'author.url')) ?? '',
    },
    engagement: { likes: count(engagement, 'likes'), shares: count(engagement, 'shares'), replies: count(engagement, 'replies') },
    rating: rating ?? null,
    parentId: str(obj, 'parentId') ?? '',
    country: (str(obj, 'country') ?? '').toUpperCase().slice(0, 2),
    raw,
    brands: [],
    sentiment: { score: 0, label: 'neutral' },
    intents: [],
    reach: 0,
  };
}
