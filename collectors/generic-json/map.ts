import { ValidationError } from '../../core/errors.ts';
import type { MentionInput } from '../../core/mention.ts';
import { count, mapEach, obj, payloadOf, safeText, str, type MapOutcome } from '../payload.ts';
import { htmlToText, languageTag, stableId } from '../text.ts';
import type { FieldPaths } from './config.ts';
import { getPath, type PathStep } from './path.ts';

/**
 * Any JSON API item → MentionInput by the configured `fields` paths, pure.
 * Field names in reject reasons are the config keys (`fields.text`), so a
 * wrong mapping is found from the dead letters.
 */

export type TimeFormat = 'auto' | 'iso' | 'unix' | 'unixMs';

export function parseTime(v: unknown, format: TimeFormat, field: string): string {
  const numeric = typeof v === 'number' ? v : typeof v === 'string' && /^\d+(\.\d+)?$/.test(v.trim()) ? Number(v) : undefined;
  let ms: number;
  if (numeric !== undefined && format !== 'iso') {
    // auto: anything past 10^11 is milliseconds (10^11 s would be the year 5138).
    ms = format === 'unixMs' || (format === 'auto' && numeric > 1e11) ? numeric : numeric * 1000;
  } else if (typeof v === 'string' && format !== 'unix' && format !== 'unixMs') {
    ms = Date.parse(v.trim());
  } else ms = NaN;
  if (!Number.isFinite(ms) || ms <= 0 || ms > 32_503_680_000_000) {
    throw new ValidationError(`not a ${format === 'auto' ? 'date' : `${format} time`}: ${payloadOf(v).slice(0, 40)}`, field);
  }
  return new Date(Math.round(ms)).toISOString();
}

const scalar = (v: unknown): string | undefined => (typeof v === 'string' ? v : typeof v === 'number' && Number.isFinite(v) ? String(v) : undefined);

export function mapGenericItem(item: unknown, source: string, fields: FieldPaths, format: TimeFormat): MentionInput {
  if (!obj(item)) throw new ValidationError('expected an object', 'items[]');
  const at = (p: PathStep[] | undefined) => (p ? getPath(item, p) : undefined);
  const id = scalar(at(fields.id))?.trim();
  if (!id) throw new ValidationError('missing (no string or number at this path)', 'fields.id');
  const rawText = str(at(fields.text));
  if (rawText === undefined) throw new ValidationError('missing (no string at this path)', 'fields.text');
  const text = htmlToText(safeText(rawText));
  if (!text) throw new ValidationError('empty after removing markup', 'fields.text');
  const m: MentionInput = { source, id: stableId(id), text, publishedAt: parseTime(at(fields.publishedAt), format, 'fields.publishedAt') };
  const title = str(at(fields.title));
  if (title) m.title = htmlToText(safeText(title), 1000);
  const url = str(at(fields.url));
  if (url && /^https?:\/\//i.test(url)) m.url = url.slice(0, 2000);
  const lang = languageTag(at(fields.language));
  if (lang) m.language = lang;
  const rating = at(fields.rating);
  if (typeof rating === 'number' && Number.isFinite(rating)) m.rating = rating;
  const parent = scalar(at(fields.parentId));
  if (parent) m.parentId = stableId(parent);
  const author: NonNullable<MentionInput['author']> = {};
  const aid = scalar(at(fields['author.id']));
  const aname = str(at(fields['author.name']));
  const aurl = str(at(fields['author.url']));
  if (aid) author.id = stableId(aid);
  if (aname) author.name = safeText(aname, 200);
  if (aurl && /^https?:\/\//i.test(aurl)) author.url = aurl.slice(0, 2000);
  if (fields['author.followers'] && at(fields['author.followers']) !== undefined) author.followers = count(at(fields['author.followers']));
  if (Object.keys(author).length) m.author = author;
  return m;
}

export interface GenericPage extends MapOutcome {
  /** Next cursor (nextPage) or URL (nextUrlPath), if any. */
  next: string | null;
}

export function mapGenericPage(
  body: unknown,
  source: string,
  o: { items: PathStep[]; fields: FieldPaths; publishedFormat: TimeFormat; nextPath?: PathStep[] },
): GenericPage {
  const list = getPath(body, o.items);
  if (list === undefined || list === null) return { mentions: [], rejects: [], skipped: 0, next: null };
  if (!Array.isArray(list)) throw new ValidationError('the response has no array at this path', 'items');
  const next = o.nextPath ? scalar(getPath(body, o.nextPath)) : undefined;
  return { ...mapEach(list, (i) => mapGenericItem(i, source, o.fields, o.publishedFormat)), next: next?.trim() || null };
}
