/**
 * The SQLite schema as an ordered list of migrations. A migration is applied once, in its own
 * IMMEDIATE transaction, and recorded both in `schema_migrations` (what ran and when, for people)
 * and in `PRAGMA user_version` (one integer the runner reads, for code). Never edit a released
 * migration: append a new one.
 */

export interface Migration {
  /** 1, 2, 3, ... in order, no gaps. */
  version: number;
  name: string;
  /** SQL statements, run with `exec`. */
  up: string;
}

/**
 * Version 1: events (+ FTS5 index kept in sync by triggers), metric windows and the batch ledger,
 * alerts with their delivery state, pattern miner snapshots, destination heartbeats.
 *
 * Metric windows keep counters and maxima as two JSON objects per (group, window start), not one
 * row per counter: a batch then costs one upsert per window (the merge of "add these counters,
 * raise these maxima" is done by json_each + json_group_object inside the upsert), a window reads
 * back as one row, and a dashboard range of 288 windows reads 288 rows instead of ~15,000.
 * SQLite renders reals in JSON with round-trip precision, so sums equal the in-memory store's.
 */
const initial = `
CREATE TABLE events (
  seq INTEGER PRIMARY KEY,
  grp TEXT NOT NULL,
  id TEXT NOT NULL,
  stream TEXT NOT NULL,
  ts INTEGER NOT NULL,
  severity TEXT NOT NULL,
  message TEXT NOT NULL,
  fields TEXT NOT NULL,
  pattern_id TEXT,
  template TEXT,
  correlation_id TEXT,
  batch_id TEXT NOT NULL,
  truncated INTEGER,
  expires_at INTEGER
);
-- Idempotency: INSERT OR IGNORE on (group, CloudWatch event id).
CREATE UNIQUE INDEX events_identity ON events (grp, id);
-- Pages are ordered (ts DESC, grp, id). The indexes carry the filter column and ts DESC only:
-- the planner walks them in time order and sorts just the ties on (grp, id), and slim entries
-- keep ingest fast (full-order keys on every index cost a fifth of the insert rate).
CREATE INDEX events_group_time ON events (grp, ts DESC, id);
CREATE INDEX events_time ON events (ts DESC);
CREATE INDEX events_severity_time ON events (severity, ts DESC);
CREATE INDEX events_pattern ON events (pattern_id, ts DESC) WHERE pattern_id IS NOT NULL;
CREATE INDEX events_correlation ON events (correlation_id) WHERE correlation_id IS NOT NULL;
CREATE INDEX events_expiry ON events (expires_at) WHERE expires_at IS NOT NULL;

-- External-content FTS5 over the message: the text lives once, in events. columnsize=0 skips
-- the per-row size record (only bm25 ranking needs it; pages are ordered by time).
-- No AFTER INSERT trigger: FTS5 flushes its pending terms at every statement savepoint, so a
-- per-row trigger writes one tiny segment per event and ingest runs 3x slower. SqliteEventStore
-- indexes each putEvents batch with one INSERT ... SELECT inside the same transaction instead.
-- Deletes and updates keep their triggers (chunked purges are fast with them, and they keep the
-- index right whoever deletes).
CREATE VIRTUAL TABLE events_fts USING fts5(
  message,
  content = 'events',
  content_rowid = 'seq',
  columnsize = 0,
  tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER events_fts_delete AFTER DELETE ON events BEGIN
  INSERT INTO events_fts (events_fts, rowid, message) VALUES ('delete', old.seq, old.message);
END;
CREATE TRIGGER events_fts_update AFTER UPDATE OF message ON events BEGIN
  INSERT INTO events_fts (events_fts, rowid, message) VALUES ('delete', old.seq, old.message);
  INSERT INTO events_fts (rowid, message) VALUES (new.seq, new.message);
END;

CREATE TABLE metric_windows (
  grp TEXT NOT NULL,
  window_start INTEGER NOT NULL,
  window_end INTEGER NOT NULL,
  counters TEXT NOT NULL,
  maxima TEXT NOT NULL,
  PRIMARY KEY (grp, window_start)
);
CREATE INDEX metric_windows_start ON metric_windows (window_start);
CREATE INDEX metric_windows_end ON metric_windows (window_end);

-- Batches whose metric deltas were applied: inserted in the same transaction as the counters.
CREATE TABLE batch_ledger (
  batch_id TEXT PRIMARY KEY,
  windows_end INTEGER NOT NULL,
  applied_at INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX batch_ledger_end ON batch_ledger (windows_end);

CREATE TABLE alerts (
  id TEXT PRIMARY KEY,
  dedup_key TEXT NOT NULL,
  rule TEXT NOT NULL,
  grp TEXT NOT NULL,
  group_key TEXT NOT NULL,
  window_start INTEGER NOT NULL,
  window_end INTEGER NOT NULL,
  severity TEXT NOT NULL,
  fired_at INTEGER NOT NULL,
  state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'delivered', 'failed')),
  firing TEXT NOT NULL,
  deliveries TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX alerts_last_firing ON alerts (rule, group_key, fired_at DESC);
CREATE INDEX alerts_window ON alerts (window_start);
CREATE INDEX alerts_fired ON alerts (fired_at DESC);

CREATE TABLE pattern_state (
  grp TEXT PRIMARY KEY,
  state TEXT NOT NULL,
  updated_at INTEGER NOT NULL
);

CREATE TABLE heartbeats (
  grp TEXT NOT NULL,
  stream TEXT NOT NULL,
  owner TEXT,
  first_seen INTEGER NOT NULL,
  last_seen INTEGER NOT NULL,
  count INTEGER NOT NULL,
  PRIMARY KEY (grp, stream)
);
`;

/**
 * Version 2: FTS5 merges its index segments 8 at a time instead of 4 (FTS5's `automerge`, kept in
 * the index's own config). Every batch adds a segment; merging in bigger, rarer steps cuts the
 * SQLite work of an ingest by ~9% (instruction counts under callgrind, 50,000 Loghub events in
 * 1000-event batches) for at most 8 instead of 4 segments per level to look up in a search.
 */
const ftsAutomerge = `INSERT INTO events_fts (events_fts, rank) VALUES ('automerge', 8);`;

/**
 * Version 3: the full-text index keeps which events hold a token, not where in the message
 * (FTS5 `detail=none`). Positions were only needed for phrase searches, which toFtsQuery now
 * answers with the tokens ANDed plus a substring test of the term. Smaller segments to write and
 * merge: ~12% fewer SQLite instructions per event (callgrind), HTTP ingest ~6% faster
 * (bench/localIngest.ts, interleaved runs). The index is rebuilt from events (a table's `detail` cannot be altered);
 * automerge is part of the index's config, so it is set again.
 */
const ftsDetailNone = `
DROP TRIGGER events_fts_delete;
DROP TRIGGER events_fts_update;
DROP TABLE events_fts;
CREATE VIRTUAL TABLE events_fts USING fts5(
  message,
  content = 'events',
  content_rowid = 'seq',
  columnsize = 0,
  detail = none,
  tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO events_fts (events_fts, rank) VALUES ('automerge', 8);
INSERT INTO events_fts (events_fts) VALUES ('rebuild');
CREATE TRIGGER events_fts_delete AFTER DELETE ON events BEGIN
  INSERT INTO events_fts (events_fts, rowid, message) VALUES ('delete', old.seq, old.message);
END;
CREATE TRIGGER events_fts_update AFTER UPDATE OF message ON events BEGIN
  INSERT INTO events_fts (events_fts, rowid, message) VALUES ('delete', old.seq, old.message);
  INSERT INTO events_fts (rowid, message) VALUES (new.seq, new.message);
END;
`;

export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'initial schema', up: initial },
  { version: 2, name: 'fts automerge 8', up: ftsAutomerge },
  { version: 3, name: 'fts without token positions', up: ftsDetailNone },
];
