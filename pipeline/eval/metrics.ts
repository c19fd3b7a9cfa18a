/** Multi-class scoring: accuracy, per-class and macro P/R/F1, confusion matrix. */

export interface ClassScores { precision: number; recall: number; f1: number; support: number }

export interface Scores {
  accuracy: number;
  macroF1: number;
  perClass: Record<string, ClassScores>;
  /** confusion[gold][predicted] = count. */
  confusion: Record<string, Record<string, number>>;
  n: number;
}

export function f1(p: number, r: number): number {
  return p + r === 0 ? 0 : (2 * p * r) / (p + r);
}

export function score(gold: readonly string[], predicted: readonly string[], classes: readonly string[]): Scores {
  const confusion: Record<string, Record<string, number>> = {};
  for (const g of classes) {
    confusion[g] = {};
    for (const p of classes) (confusion[g] as Record<string, number>)[p] = 0;
  }
  let correct = 0;
  for (let i = 0; i < gold.length; i++) {
    const g = gold[i] as string;
    const p = predicted[i] as string;
    const row = confusion[g];
    if (row && p in row) row[p] = (row[p] ?? 0) + 1;
    if (g === p) correct++;
  }
  const perClass: Record<string, ClassScores> = {};
  let sumF1 = 0;
  for (const c of classes) {
    const tp = confusion[c]?.[c] ?? 0;
    let predictedC = 0;
    let goldC = 0;
    for (const g of classes) predictedC += confusion[g]?.[c] ?? 0;
    for (const p of classes) goldC += confusion[c]?.[p] ?? 0;
    const precision = predictedC ? tp / predictedC : 0;
    const recall = goldC ? tp / goldC : 0;
    perClass[c] = { precision, recall, f1: f1(precision, recall), support: goldC };
    sumF1 += f1(precision, recall);
  }
  return { accuracy: gold.length ? correct / gold.length : 0, macroF1: sumF1 / classes.length, perClass, confusion, n: gold.length };
}

/** Binary precision/recall/F1 for one label over multi-label sets. */
export function binary(gold: readonly boolean[], predicted: readonly boolean[]): ClassScores {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (let i = 0; i < gold.length; i++) {
    if (predicted[i] && gold[i]) tp++;
    else if (predicted[i]) fp++;
    else if (gold[i]) fn++;
  }
  const precision = tp + fp ? tp / (tp + fp) : 0;
  const recall = tp + fn ? tp / (tp + fn) : 0;
  return { precision, recall, f1: f1(precision, recall), support: tp + fn };
}
