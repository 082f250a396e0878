import { describe, expect, it } from 'vitest';
import type { Severity } from '../src/core/types.js';
import type { LoghubRow, LoghubSystem } from './loghub.js';
import { measureSeverityAccuracy } from './severityAccuracy.js';

function row(raw: string, level?: Severity): LoghubRow {
  return { lineId: 1, raw, content: raw, eventId: 'E1', eventTemplate: raw, ...(level ? { level } : {}) };
}

describe('measureSeverityAccuracy', () => {
  it('counts per system and overall, skips unlabelled rows, keeps confusions', () => {
    // Prepare
    const data: Partial<Record<LoghubSystem, LoghubRow[]>> = {
      HDFS: [row('INFO a', 'INFO'), row('WARN b', 'WARNING'), row('ERROR c', 'INFO')],
      OpenSSH: [row('no level here')],
    };
    const load = (system: LoghubSystem) => data[system] ?? [];
    const classify = (message: string): Severity =>
      message.startsWith('WARN') ? 'WARNING' : message.startsWith('ERROR') ? 'ERROR' : 'INFO';

    // Act
    const result = measureSeverityAccuracy(classify, load);

    // Assess
    expect(result.perSystem).toEqual({ HDFS: { total: 3, correct: 2, accuracy: 2 / 3 } });
    expect(result.overall).toEqual({ total: 3, correct: 2, accuracy: 2 / 3 });
    expect(result.confusions).toEqual([{ system: 'HDFS', raw: 'ERROR c', expected: 'INFO', got: 'ERROR' }]);
  });
});
