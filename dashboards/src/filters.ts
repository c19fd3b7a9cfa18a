import type { VariableSpec } from './board.ts';

/**
 * SQL fragments every board shares. Filters go through `$__conditionalAll` so
 * "All" becomes `1=1` instead of a list of every value (which would stop
 * ClickHouse from using the primary key and grows with every new brand).
 * Values are quoted by Grafana's `singlequote`/`sqlstring` formats, never
 * spliced raw: the plugin's plain `$var` leaves a single value unquoted.
 */

/** `brand` column (mentions_1m, events, detections) in the selected brands. */
export const brandIn = (col = 'brand'): string => `$__conditionalAll(${col} IN (\${brand:singlequote}), $brand)`;
/** Raw mentions carry an array of brands. */
export const brandsHave = `$__conditionalAll(hasAny(brands, [\${brand:singlequote}]), $brand)`;
export const sourceIn = (col = 'source'): string => `$__conditionalAll(${col} IN (\${source:singlequote}), $source)`;
export const languageIn = (col = 'language'): string => `$__conditionalAll(${col} IN (\${language:sqlstring}), $language)`;

/** All three variables on mentions_1m (brand '' holds mentions that matched no brand). */
export const aggFilter = `brand != '' AND ${brandIn()} AND ${sourceIn()} AND ${languageIn()}`;
/** All three variables on raw mentions. */
export const rawFilter = `notEmpty(brands) AND ${brandsHave} AND ${sourceIn()} AND ${languageIn()}`;

/**
 * The variables read the aggregate table over the dashboard's range: ordered
 * by brand first, so listing brands touches only that column's small parts.
 */
export const VARIABLES: VariableSpec[] = [
  {
    name: 'brand',
    label: 'Brand',
    sql: "SELECT DISTINCT brand FROM mentions_1m WHERE $__timeFilter(minute) AND brand != '' ORDER BY brand",
  },
  {
    name: 'source',
    label: 'Source',
    sql: 'SELECT DISTINCT source FROM mentions_1m WHERE $__timeFilter(minute) ORDER BY source',
  },
  {
    name: 'language',
    label: 'Language',
    sql: 'SELECT DISTINCT language FROM mentions_1m WHERE $__timeFilter(minute) ORDER BY language',
  },
];

/** Care events carry the mention's source in `data`; language is not recorded there. */
export const careSourceIn = sourceIn("JSONExtractString(data, 'source')");
