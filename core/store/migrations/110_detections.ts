import type { Migration } from '../migrate.ts';

/**
 * Every scored window the spike detector reports (pipeline/detect-spikes,
 * detectionRow()), for the Crisis-room board: observed vs expected with the
 * band, per brand, metric and dimension ('all', 'source=reddit', …).
 * ReplacingMergeTree on the natural key, so a replayed window is stored once.
 */
const migration: Migration = {
  version: 110,
  name: 'detections',
  up: [
    `CREATE TABLE IF NOT EXISTS detections (
      at DateTime64(3, 'UTC'),
      brand LowCardinality(String),
      metric LowCardinality(String),
      dimension String,
      window_ms UInt32,
      observed Float64,
      expected Float64,
      lower Float64,
      upper Float64,
      score Float32,
      kind LowCardinality(String),
      direction LowCardinality(String) DEFAULT 'none',
      p_value Float64 DEFAULT 1
    ) ENGINE = ReplacingMergeTree
    PARTITION BY toYYYYMM(at)
    ORDER BY (brand, metric, dimension, at)`,
  ],
};
export default migration;
