/**
 * Reads the Loghub-2k evaluation data from ../shared/data/loghub2k (or LOGHUB_DIR) at benchmark
 * time. The data is never copied into this repository (research license): results computed on it
 * cite Loghub (Zhu et al., ISSRE 2023, github.com/logpai/loghub).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Severity } from '../src/core/types.js';

export const LOGHUB_SYSTEMS = [
  'Android',
  'Apache',
  'BGL',
  'HDFS',
  'OpenSSH',
  'Spark',
  'Windows',
  'Zookeeper',
] as const;
export type LoghubSystem = (typeof LOGHUB_SYSTEMS)[number];

/** Drain's published grouping accuracy on these samples (shared/data/README.md). */
export const DRAIN_GA: Readonly<Record<LoghubSystem, number>> = {
  Android: 0.911,
  Apache: 1.0,
  BGL: 0.963,
  HDFS: 0.998,
  OpenSSH: 0.789,
  Spark: 0.922,
  Windows: 0.997,
  Zookeeper: 0.967,
};

export interface LoghubRow {
  lineId: number;
  /** The raw line from <S>_2k.log, as a log shipper would send it. */
  raw: string;
  /** The Content column (message without the header), used for pattern grouping accuracy. */
  content: string;
  eventId: string;
  eventTemplate: string;
  /** Ground-truth severity mapped from the Level column, when the system has one. */
  level?: Severity;
  rawLevel?: string;
}

/** Maps a Loghub Level value to a logsift severity (FATAL -> CRITICAL, SEVERE -> ERROR, ...). */
export function mapLoghubLevel(level: string): Severity | undefined {
  switch (level.trim().toUpperCase()) {
    case 'FATAL':
      return 'CRITICAL';
    case 'SEVERE':
    case 'ERROR':
    case 'E':
      return 'ERROR';
    case 'WARN':
    case 'WARNING':
    case 'W':
      return 'WARNING';
    case 'INFO':
    case 'I':
    case 'NOTICE':
      return 'INFO';
    case 'DEBUG':
    case 'D':
    case 'V':
    case 'VERBOSE':
      return 'DEBUG';
    default:
      return undefined;
  }
}

/** Finds the data folder: LOGHUB_DIR, else ../shared/data/loghub2k beside the repository. */
export function loghubDir(): string {
  if (process.env.LOGHUB_DIR) return resolve(process.env.LOGHUB_DIR);
  const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  // bench sources run from bench/, the bundle from dist/bench/: walk up to the folder holding package.json.
  let dir = repo;
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return resolve(dir, '..', 'shared', 'data', 'loghub2k');
}

/** Parses one CSV record set (RFC 4180: quoted fields, doubled quotes, no embedded newlines here). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** Loads one system: raw lines joined with the structured CSV by LineId. */
export function loadLoghub(system: LoghubSystem, dir = loghubDir()): LoghubRow[] {
  const base = join(dir, system);
  const rawLines = readFileSync(join(base, `${system}_2k.log`), 'utf8').split(/\r?\n/);
  const [header, ...records] = parseCsv(
    readFileSync(join(base, `${system}_2k.log_structured_corrected.csv`), 'utf8'),
  );
  if (!header) throw new Error(`${system}: empty structured CSV`);
  const col = (name: string) => header.indexOf(name);
  const [iLine, iContent, iEvent, iTemplate, iLevel] = [
    col('LineId'),
    col('Content'),
    col('EventId'),
    col('EventTemplate'),
    col('Level'),
  ];
  return records
    .filter((r) => r.length >= header.length)
    .map((r) => {
      const lineId = Number(r[iLine]);
      const rawLevel = iLevel >= 0 ? r[iLevel] : undefined;
      const row: LoghubRow = {
        lineId,
        raw: rawLines[lineId - 1] ?? '',
        content: r[iContent] ?? '',
        eventId: r[iEvent] ?? '',
        eventTemplate: r[iTemplate] ?? '',
      };
      if (rawLevel !== undefined) {
        row.rawLevel = rawLevel;
        const level = mapLoghubLevel(rawLevel);
        if (level) row.level = level;
      }
      return row;
    });
}

/** True when the data folder is present (the benchmarks need it; unit tests never do). */
export function loghubAvailable(dir = loghubDir()): boolean {
  return existsSync(join(dir, 'HDFS'));
}
