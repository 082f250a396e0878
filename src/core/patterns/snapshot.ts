/**
 * The plain-JSON form of a miner's state, so patterns survive restarts and a restored miner
 * continues exactly where the original stopped. Validated field by field on restore.
 */
import { PatternSnapshotError } from './errors.js';
import { BUILTIN_MASKERS, type BuiltinMaskerName } from './masking.js';

export const SNAPSHOT_FORMAT = 'logsift.patterns';
export const SNAPSHOT_VERSION = 1;

export interface SnapshotMasker {
  name: string;
  pattern: string;
  flags: string;
  replacement: string;
}

export interface SnapshotSettings {
  similarity: number;
  maxPatterns: number;
  maxTokens: number;
  maskers: BuiltinMaskerName[];
  extraMaskers: SnapshotMasker[];
}

export interface SnapshotPattern {
  id: string;
  /** Birth order; ties in matching are broken by it, so it is part of the state. */
  seq: number;
  tokens: string[];
  /** Positions of learned partial wildcards such as `name=<*>,`. */
  partial: number[];
  count: number;
  firstSeen: number;
  lastSeen: number;
  example: string;
  /** Ids of patterns merged into this one. */
  aliases: string[];
}

export interface PatternSnapshot {
  format: typeof SNAPSHOT_FORMAT;
  version: typeof SNAPSHOT_VERSION;
  settings: SnapshotSettings;
  nextSeq: number;
  /** Least recently seen first (the eviction order). */
  patterns: SnapshotPattern[];
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function fail(path: string, expected: string, got: unknown): never {
  const shown = got === undefined ? 'nothing' : JSON.stringify(got)?.slice(0, 60);
  throw new PatternSnapshotError(`${path}: expected ${expected}, got ${shown}`);
}

function num(
  obj: Record<string, unknown>,
  key: string,
  path: string,
  min = Number.NEGATIVE_INFINITY,
): number {
  const v = obj[key];
  if (typeof v !== 'number' || !Number.isFinite(v) || v < min)
    fail(`${path}.${key}`, `a finite number >= ${min}`, v);
  return v;
}

function int(obj: Record<string, unknown>, key: string, path: string, min: number): number {
  const v = num(obj, key, path, min);
  if (!Number.isInteger(v)) fail(`${path}.${key}`, 'an integer', v);
  return v;
}

function str(obj: Record<string, unknown>, key: string, path: string): string {
  const v = obj[key];
  if (typeof v !== 'string') fail(`${path}.${key}`, 'a string', v);
  return v;
}

function strings(obj: Record<string, unknown>, key: string, path: string): string[] {
  const v = obj[key];
  if (!Array.isArray(v) || !v.every((x) => typeof x === 'string'))
    fail(`${path}.${key}`, 'an array of strings', v);
  return v as string[];
}

/** Checks shape, version and values; returns the snapshot typed, or throws PatternSnapshotError. */
export function parseSnapshot(input: unknown): PatternSnapshot {
  if (!isRecord(input)) fail('snapshot', 'an object', input);
  if (input.format !== SNAPSHOT_FORMAT) fail('snapshot.format', `"${SNAPSHOT_FORMAT}"`, input.format);
  if (input.version !== SNAPSHOT_VERSION) fail('snapshot.version', String(SNAPSHOT_VERSION), input.version);
  const s = input.settings;
  if (!isRecord(s)) fail('snapshot.settings', 'an object', s);
  const similarity = num(s, 'similarity', 'snapshot.settings', 0);
  if (similarity > 1) fail('snapshot.settings.similarity', 'a number in [0, 1]', similarity);
  const maskers = strings(s, 'maskers', 'snapshot.settings');
  for (const m of maskers) {
    if (!(BUILTIN_MASKERS as readonly string[]).includes(m))
      fail('snapshot.settings.maskers', 'built-in names', m);
  }
  const extra = s.extraMaskers;
  if (!Array.isArray(extra)) fail('snapshot.settings.extraMaskers', 'an array', extra);
  const extraMaskers = extra.map((m, i) => {
    const p = `snapshot.settings.extraMaskers[${i}]`;
    if (!isRecord(m)) fail(p, 'an object', m);
    return {
      name: str(m, 'name', p),
      pattern: str(m, 'pattern', p),
      flags: str(m, 'flags', p),
      replacement: str(m, 'replacement', p),
    };
  });
  const settings: SnapshotSettings = {
    similarity,
    maxPatterns: int(s, 'maxPatterns', 'snapshot.settings', 1),
    maxTokens: int(s, 'maxTokens', 'snapshot.settings', 1),
    maskers: maskers as BuiltinMaskerName[],
    extraMaskers,
  };
  const nextSeq = int(input, 'nextSeq', 'snapshot', 0);
  if (!Array.isArray(input.patterns)) fail('snapshot.patterns', 'an array', input.patterns);
  const seenIds = new Set<string>();
  const patterns = input.patterns.map((p, i): SnapshotPattern => {
    const path = `snapshot.patterns[${i}]`;
    if (!isRecord(p)) fail(path, 'an object', p);
    const id = str(p, 'id', path);
    if (!/^[0-9a-f]{16}$/.test(id)) fail(`${path}.id`, '16 lowercase hex characters', id);
    const aliases = strings(p, 'aliases', path);
    for (const known of [id, ...aliases]) {
      if (seenIds.has(known)) fail(`${path}`, 'ids and aliases unique across patterns', known);
      seenIds.add(known);
    }
    const tokens = strings(p, 'tokens', path);
    if (tokens.length === 0 || tokens.length > settings.maxTokens) {
      fail(`${path}.tokens`, `1 to ${settings.maxTokens} tokens`, tokens.length);
    }
    const partial = p.partial;
    if (
      !Array.isArray(partial) ||
      !partial.every(
        (x, k) => Number.isInteger(x) && x >= 0 && x < tokens.length && (k === 0 || x > partial[k - 1]),
      )
    ) {
      fail(`${path}.partial`, 'ascending token positions', partial);
    }
    const seq = int(p, 'seq', path, 0);
    if (seq >= nextSeq) fail(`${path}.seq`, `a number below nextSeq (${nextSeq})`, seq);
    return {
      id,
      seq,
      tokens,
      partial: partial as number[],
      count: int(p, 'count', path, 1),
      firstSeen: num(p, 'firstSeen', path),
      lastSeen: num(p, 'lastSeen', path),
      example: str(p, 'example', path),
      aliases,
    };
  });
  return { format: SNAPSHOT_FORMAT, version: SNAPSHOT_VERSION, settings, nextSeq, patterns };
}
