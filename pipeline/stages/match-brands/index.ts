import type { BrandConfig } from '../../../config/schema.ts';
import type { Stage } from '../../stage.ts';
import { mapItems } from '../../stage.ts';
import { compileQuery, prepareDocument, type CompiledQuery } from './query.ts';

export { compileQuery, prepareDocument, QuerySyntaxError, type CompiledQuery, type MatchDocument } from './query.ts';

const STAGE = 'match-brands';

/** A brand ready to match: its query compiled once, its language filter. */
export interface CompiledBrand {
  readonly name: string;
  readonly query: CompiledQuery;
  /** ISO 639-1 codes; empty = every language. */
  readonly languages: readonly string[];
}

/** Compiles every brand query once (the config loader has already validated them). */
export function compileBrands(brands: readonly Pick<BrandConfig, 'name' | 'query' | 'languages'>[]): CompiledBrand[] {
  return brands.map((b) => ({ name: b.name, query: compileQuery(b.query), languages: [...b.languages] }));
}

/**
 * A mention passes a brand's language filter when the brand has none, when its
 * language is listed, or when its language is `und`: short posts ("@acme 👎")
 * are often too short to detect, and dropping them would lose exactly the
 * replies and complaints a brand most wants to see.
 */
function languageAllowed(brand: CompiledBrand, language: string): boolean {
  if (brand.languages.length === 0) return true;
  const primary = (language.split('-')[0] ?? '').toLowerCase();
  return primary === 'und' || primary === '' || brand.languages.includes(primary);
}

/** Names of the brands whose query and language filter accept the text, in config order. Pure. */
export function matchBrands(compiled: readonly CompiledBrand[], text: string, language: string): string[] {
  if (compiled.length === 0) return [];
  const doc = prepareDocument(text);
  const names: string[] = [];
  for (const brand of compiled) {
    if (languageAllowed(brand, language) && brand.query.matches(doc)) names.push(brand.name);
  }
  return names;
}

/**
 * Sets `brands` on each mention. With no brands configured every mention is
 * kept (brands = []), so a fresh install shows what it collects; with brands
 * configured, a mention no brand accepts is dropped (counted as `no_brand`,
 * not dead-lettered: it is not bad data, just not ours).
 */
export function createMatchBrandsStage(brands: readonly BrandConfig[]): Stage {
  const compiled = compileBrands(brands);
  return {
    name: STAGE,
    run(batch, ctx) {
      let dropped = 0;
      const out = mapItems(STAGE, batch, ctx, (m) => {
        if (compiled.length === 0) {
          m.brands = [];
          return m;
        }
        // Title and text form one document (a brand named only in a headline still counts).
        const names = matchBrands(compiled, m.title ? `${m.title} ${m.text}` : m.text, m.language);
        if (names.length === 0) {
          dropped++;
          return null;
        }
        m.brands = names;
        return m;
      });
      if (dropped > 0) ctx.drop(STAGE, 'no_brand', dropped);
      return out;
    },
  };
}
