import type { Migration } from '../migrate.ts';
import m001 from './001_spine.ts';
import m110 from './110_detections.ts';

/**
 * Every schema change, in order. Modules own number ranges so parallel work
 * never collides: spine 1–99, alerts 100–199, care 200–299, dashboards 300–399,
 * collectors 400–499, understanding 500–599. One line per migration.
 */
export const migrations: Migration[] = [
  m001,
  m110,
].sort((a, b) => a.version - b.version);
