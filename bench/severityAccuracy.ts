/**
 * Severity accuracy on the Loghub-2k samples: each raw line (what CloudWatch would deliver) is
 * classified and compared with the system's Level column. Systems without one (OpenSSH) and rows
 * whose level does not map are skipped. Data: Loghub (Zhu et al., ISSRE 2023, github.com/logpai/loghub).
 */
import type { Severity } from '../src/core/types.js';
import { LOGHUB_SYSTEMS, type LoghubRow, loadLoghub } from './loghub.js';

export interface AccuracyCount {
  total: number;
  correct: number;
  /** correct / total, 1 when total is 0. */
  accuracy: number;
}

export interface SeverityConfusion {
  system: string;
  raw: string;
  expected: Severity;
  got: Severity;
}

export interface SeverityAccuracy {
  perSystem: Record<string, AccuracyCount>;
  overall: AccuracyCount;
  /** The first few misclassified lines of each system. */
  confusions: SeverityConfusion[];
}

/** How many misclassified lines are kept per system. */
const CONFUSIONS_PER_SYSTEM = 5;

function count(total: number, correct: number): AccuracyCount {
  return { total, correct, accuracy: total === 0 ? 1 : correct / total };
}

/**
 * Measures `classify` over every labelled raw line of the 8 Loghub systems.
 *
 * @example measureSeverityAccuracy(createClassifier()).overall.accuracy // 0.99...
 */
export function measureSeverityAccuracy(
  classify: (message: string) => Severity,
  load: (system: (typeof LOGHUB_SYSTEMS)[number]) => LoghubRow[] = loadLoghub,
): SeverityAccuracy {
  const perSystem: Record<string, AccuracyCount> = {};
  const confusions: SeverityConfusion[] = [];
  let total = 0;
  let correct = 0;
  for (const system of LOGHUB_SYSTEMS) {
    let systemTotal = 0;
    let systemCorrect = 0;
    let kept = 0;
    for (const row of load(system)) {
      if (row.level === undefined) continue;
      systemTotal++;
      const got = classify(row.raw);
      if (got === row.level) systemCorrect++;
      else if (kept < CONFUSIONS_PER_SYSTEM) {
        confusions.push({ system, raw: row.raw, expected: row.level, got });
        kept++;
      }
    }
    if (systemTotal === 0) continue;
    perSystem[system] = count(systemTotal, systemCorrect);
    total += systemTotal;
    correct += systemCorrect;
  }
  return { perSystem, overall: count(total, correct), confusions };
}
