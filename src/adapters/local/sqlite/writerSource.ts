/**
 * The code of the SQLite writer thread (see SqliteWriter), as plain CommonJS text run with
 * `new Worker(WRITER_SOURCE, { eval: true })`: it needs only better-sqlite3 (its resolved path
 * comes in workerData), so it runs the same from the TypeScript sources and from the esbuild bundle.
 *
 * The thread owns one connection with the pragmas of SqliteDatabase.open (the main connection has
 * already migrated the file) and prepares each SQL text once. Messages are handled one at a time
 * (see the queue below for their order); each answers `{ id, result }` or `{ id, error }`. Operations:
 * - `exec`: statements in order (`get` steps answer the row, others `changes`), inside one
 *   IMMEDIATE transaction when `tx` is set, else each on its own (autocommit).
 * - `events`: SqliteEventStore's insert of a batch from flat row parameters, and its FTS indexing;
 *   batches waiting together share one transaction (see putEvents).
 * - `metrics`: SqliteMetricStore's ledger row and window upserts, answering the current windows.
 * - `checkpoint`, `close`.
 *
 * With `role: 'checkpointer'` in workerData, the same text runs the checkpointer instead: a second
 * thread that copies WAL pages into the database file while the writer goes on writing.
 */
export const WRITER_SOURCE = `
'use strict';
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.betterSqlite3);
const o = workerData.options;
const db = new Database(workerData.path, { timeout: o.busyTimeoutMs });
db.pragma('journal_mode = WAL');
db.pragma('synchronous = NORMAL');
db.pragma('foreign_keys = ON');
db.pragma('cache_size = ' + -o.cacheSizeKiB);
db.pragma('temp_store = MEMORY');
db.pragma('journal_size_limit = 67108864');
if (workerData.role === 'checkpointer') {
  // Copies the writer's commits into the database file as they come (every 100 ms under load,
  // every 250 ms when idle), so the copying and its fsyncs leave the writer: its own checkpoints (a
  // safety net at 4000 pages) find little or nothing left to copy. Every 10 ms cost ~6% of sustained
  // ingest in A/B runs (more fsyncs and WAL lock handovers for the same pages); 100 ms of WAL at
  // 50,000 events/s is a few MB.
  let lastLog = -1;
  const tick = () => {
    if (!db.open) return;
    let next = 250;
    try {
      const [r] = db.pragma('wal_checkpoint(PASSIVE)');
      if (r.log !== lastLog || r.checkpointed < r.log) next = 100;
      lastLog = r.log;
    } catch {
      next = 1000;
    }
    setTimeout(tick, next);
  };
  tick();
  parentPort.on('message', () => {
    db.close();
    parentPort.close();
    process.exit(0);
  });
} else {
  db.pragma('wal_autocheckpoint = 4000');

  const statements = new Map();
  function prepared(sql) {
    let s = statements.get(sql);
    if (!s) {
      s = db.prepare(sql);
      statements.set(sql, s);
    }
    return s;
  }

  function execSteps(steps) {
    const out = new Array(steps.length);
    for (let i = 0; i < steps.length; i++) {
      const step = steps[i];
      const stmt = prepared(step.sql);
      out[i] = step.get ? stmt.get(step.params) : stmt.run(step.params).changes;
    }
    return out;
  }
  const execTx = db.transaction(execSteps);

  const chunks = new Map();
  function insertRows(m) {
    const per = m.paramsPerRow;
    const rows = m.rowsPerInsert;
    const params = m.params;
    const count = params.length / per;
    const many = prepared(m.insertManySql);
    const one = prepared(m.insertOneSql);
    let chunk = chunks.get(rows * per);
    if (!chunk) {
      chunk = new Array(rows * per);
      chunks.set(rows * per, chunk);
    }
    const single = new Array(per);
    let written = 0;
    let i = 0;
    for (; i + rows <= count; i += rows) {
      const from = i * per;
      for (let k = 0; k < chunk.length; k++) chunk[k] = params[from + k];
      written += many.run(chunk).changes;
    }
    for (; i < count; i++) {
      const from = i * per;
      for (let k = 0; k < per; k++) single[k] = params[from + k];
      written += one.run(single).changes;
    }
    return written;
  }

  // Batches of events waiting together are written in one transaction (a group commit): one FTS5
  // segment and one commit for all of them instead of one each, so FTS5 has fewer segments to merge.
  // Each batch still gets its own count of rows written; a failed group is retried one batch at a
  // time (runEvents), so only a batch that fails alone fails.
  function putEvents(ms) {
    const before = prepared(ms[0].maxSeqSql).pluck().get();
    const written = ms.map(insertRows);
    if (written.some((n) => n > 0)) prepared(ms[0].indexSql).run(before);
    return written;
  }
  const putEventsTx = db.transaction(putEvents);
  const MAX_GROUP_ROWS = 8192;

  function applyMetrics(m) {
    const w = m.windows;
    let windowsEnd = 0;
    for (let i = 0; i < w.length; i += 5) if (w[i + 2] > windowsEnd) windowsEnd = w[i + 2];
    const applied = prepared(m.ledgerSql).run(m.batchId, windowsEnd, m.now).changes === 1;
    if (applied) {
      const upsert = prepared(m.upsertSql);
      for (let i = 0; i < w.length; i += 5) upsert.run(w[i], w[i + 1], w[i + 2], w[i + 3], w[i + 4]);
    }
    const read = prepared(m.readSql);
    const rows = [];
    for (let i = 0; i < w.length; i += 5) rows.push(read.get(w[i], w[i + 1]) ?? null);
    return { applied, rows };
  }
  const applyMetricsTx = db.transaction(applyMetrics);

  function handle(m) {
    switch (m.op) {
      case 'exec':
        return m.tx ? execTx.immediate(m.steps) : execSteps(m.steps);
      case 'metrics':
        return applyMetricsTx.immediate(m);
      case 'checkpoint':
        db.pragma('wal_checkpoint(PASSIVE)');
        return null;
      case 'close':
        if (db.open) db.close();
        return null;
      default:
        throw new Error('unknown writer operation ' + m.op);
    }
  }

  // Messages wait here and run one per turn of the event loop, so each pick sees every message that
  // has arrived. A message sent while others are pending is concurrent with them (every caller
  // awaits its write before depending on it), so the pick may reorder them: the short writes go
  // before batches of events. Without that, under load the metrics write of one batch waits behind
  // the events of every other batch in flight, all requests finish together and move in a convoy, and
  // the main thread idles while this thread writes. Events keep their order among themselves, and
  // checkpoint and close wait for everything sent before them.
  const queue = [];
  let scheduled = false;

  function pick() {
    let first = -1;
    for (let i = 0; i < queue.length; i++) {
      const op = queue[i].op;
      if (op === 'checkpoint' || op === 'close') break;
      if (op !== 'events') {
        first = i;
        break;
      }
    }
    return queue.splice(first === -1 ? 0 : first, 1)[0];
  }

  /** The queued event batches that can join \`first\`: in order, before any checkpoint or close. */
  function joinable(first) {
    const group = [first];
    let rows = first.params.length / first.paramsPerRow;
    for (let i = 0; i < queue.length; i++) {
      const m = queue[i];
      if (m.op === 'checkpoint' || m.op === 'close') break;
      if (m.op !== 'events' || m.indexSql !== first.indexSql || m.insertManySql !== first.insertManySql) continue;
      const n = m.params.length / m.paramsPerRow;
      if (rows + n > MAX_GROUP_ROWS) break;
      rows += n;
      group.push(m);
      queue.splice(i--, 1);
    }
    return group;
  }

  function runEvents(first) {
    const group = joinable(first);
    try {
      const written = putEventsTx.immediate(group);
      for (let i = 0; i < group.length; i++) parentPort.postMessage({ id: group[i].id, result: written[i] });
    } catch (err) {
      // The whole group rolled back: one batch at a time again, so only a failing one fails.
      for (const m of group) {
        try {
          parentPort.postMessage({ id: m.id, result: putEventsTx.immediate([m])[0] });
        } catch (e) {
          parentPort.postMessage({ id: m.id, error: { name: e.name, message: e.message, code: e.code } });
        }
      }
    }
  }

  function runNext() {
    scheduled = false;
    const m = pick();
    if (m.op === 'events') {
      runEvents(m);
      schedule();
      return;
    }
    let reply;
    try {
      reply = { id: m.id, result: handle(m) };
    } catch (err) {
      reply = { id: m.id, error: { name: err.name, message: err.message, code: err.code } };
    }
    parentPort.postMessage(reply);
    if (m.op === 'close') {
      parentPort.close();
      return;
    }
    schedule();
  }

  function schedule() {
    if (scheduled || queue.length === 0) return;
    scheduled = true;
    setImmediate(runNext);
  }

  parentPort.on('message', (m) => {
    queue.push(m);
    schedule();
  });
}
`;
