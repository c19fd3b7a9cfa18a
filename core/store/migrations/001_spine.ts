import type { Migration } from '../migrate.ts';

/**
 * The spine's tables. `mentions` is idempotent on id (ReplacingMergeTree keyed
 * by day and id; read with FINAL or argMax for exact counts). `mentions_1m` is
 * kept by a materialized view, one row per brand, minute, source, language,
 * country and sentiment label; panels read it instead of raw mentions.
 */
const migration: Migration = {
  version: 1,
  name: 'spine',
  up: [
    `CREATE TABLE IF NOT EXISTS mentions (
      id String,
      source LowCardinality(String),
      native_id String,
      url String,
      title String,
      text String,
      language LowCardinality(String),
      country LowCardinality(String),
      published_at DateTime64(3, 'UTC'),
      collected_at DateTime64(3, 'UTC'),
      processed_at DateTime64(3, 'UTC'),
      author_id String,
      author_name String,
      author_url String,
      author_followers Nullable(UInt64),
      likes UInt32,
      shares UInt32,
      replies UInt32,
      rating Nullable(Float32),
      parent_id String,
      brands Array(LowCardinality(String)),
      sentiment_score Float32,
      sentiment_label LowCardinality(String),
      intents Array(LowCardinality(String)),
      intent_confidences Array(Float32),
      reach Float32,
      raw String
    ) ENGINE = ReplacingMergeTree(processed_at)
    PARTITION BY toYYYYMM(published_at)
    ORDER BY (toDate(published_at), id)
    SETTINGS non_replicated_deduplication_window = 10000`,

    `CREATE TABLE IF NOT EXISTS mentions_1m (
      brand LowCardinality(String),
      minute DateTime('UTC'),
      source LowCardinality(String),
      language LowCardinality(String),
      country LowCardinality(String),
      sentiment_label LowCardinality(String),
      mentions UInt64,
      reach Float64,
      sentiment_sum Float64,
      leads UInt64,
      complaints UInt64,
      questions UInt64,
      praise UInt64,
      crisis UInt64,
      spam UInt64
    ) ENGINE = SummingMergeTree
    PARTITION BY toYYYYMM(minute)
    ORDER BY (brand, minute, source, language, country, sentiment_label)`,

    `CREATE MATERIALIZED VIEW IF NOT EXISTS mentions_1m_mv TO mentions_1m AS
    SELECT
      brand,
      toStartOfMinute(published_at) AS minute,
      source, language, country, sentiment_label,
      count() AS mentions,
      sum(reach) AS reach,
      sum(sentiment_score) AS sentiment_sum,
      countIf(has(intents, 'lead')) AS leads,
      countIf(has(intents, 'complaint')) AS complaints,
      countIf(has(intents, 'question')) AS questions,
      countIf(has(intents, 'praise')) AS praise,
      countIf(has(intents, 'crisis_risk')) AS crisis,
      countIf(has(intents, 'spam')) AS spam
    FROM mentions
    ARRAY JOIN if(empty(brands), [''], brands) AS brand
    GROUP BY brand, minute, source, language, country, sentiment_label`,

    `CREATE TABLE IF NOT EXISTS events (
      event_id String,
      at DateTime64(3, 'UTC'),
      kind LowCardinality(String),
      type LowCardinality(String),
      entity_id String,
      brand LowCardinality(String),
      actor String,
      from_state LowCardinality(String),
      to_state LowCardinality(String),
      severity LowCardinality(String),
      data String
    ) ENGINE = ReplacingMergeTree
    PARTITION BY toYYYYMM(at)
    ORDER BY (kind, at, event_id)`,

    `CREATE TABLE IF NOT EXISTS dead_letters (
      at DateTime64(3, 'UTC'),
      stage LowCardinality(String),
      code LowCardinality(String),
      reason String,
      source LowCardinality(String),
      mention_id String,
      payload String
    ) ENGINE = MergeTree
    PARTITION BY toYYYYMM(at)
    ORDER BY (at, stage)
    SETTINGS non_replicated_deduplication_window = 10000`,

    `CREATE TABLE IF NOT EXISTS pipeline_batches (
      at DateTime64(3, 'UTC'),
      batch_id String,
      source LowCardinality(String),
      received UInt32,
      stored UInt32,
      duplicates UInt32,
      unmatched UInt32,
      dead_lettered UInt32,
      duration_ms UInt32
    ) ENGINE = MergeTree
    PARTITION BY toYYYYMM(at)
    ORDER BY (at, source)
    SETTINGS non_replicated_deduplication_window = 10000`,

    `CREATE TABLE IF NOT EXISTS source_runs (
      started_at DateTime64(3, 'UTC'),
      finished_at DateTime64(3, 'UTC'),
      source LowCardinality(String),
      type LowCardinality(String),
      status LowCardinality(String),
      fetched UInt32,
      new UInt32,
      duplicates UInt32,
      errors UInt32,
      error_code LowCardinality(String),
      error_message String,
      lag_seconds Float64
    ) ENGINE = MergeTree
    PARTITION BY toYYYYMM(started_at)
    ORDER BY (started_at, source)`,
  ],
};

export default migration;
