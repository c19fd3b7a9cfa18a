/** Public API of the spike detector; see README.md. */
export { createSeriesDetector, restoreSeriesDetector, type SeriesDetector, type SeriesDetectorOptions, type SeriesPoint } from './series-detector.ts';
export { detectionRow, type Detection, type DetectionKind, type DetectionRow, type MetricName } from './detection.ts';
export { topTerms, tokenize, type RisingTerm, type TopTermsOptions } from './explain/top-terms.ts';
export { sampleMentions, topAuthors, topSources, type EvidenceMention, type AuthorReach } from './explain/evidence.ts';
export { StreamScorer, type StreamScorerOptions } from './stream-scorer.ts';
export { scoreCsv, parseTimestamp } from './csv.ts';
