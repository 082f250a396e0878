/**
 * `logsift serve`: the whole system in one process. SQLite stores, a folder archive, notifiers
 * from config, the pipeline, the HTTP API with the dashboard, the scheduler, and optional demo
 * traffic. This file only wires; every behaviour lives in core, adapters and the API.
 */
import { existsSync, mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { loadConfig } from '../../adapters/config/loadConfig.js';
import { FolderArchive } from '../../adapters/local/archive-dir/FolderArchive.js';
import { createNotifiers, sendDailyReport } from '../../adapters/local/notifiers.js';
import { openSqliteStores } from '../../adapters/local/sqlite/index.js';
import { createApi, storedPatterns, TailHub } from '../../api/index.js';
import { buildDailyReport, dayRange, utcDay } from '../../core/alerts/dailyReport.js';
import type { Config } from '../../core/config.js';
import { Pipeline } from '../../core/pipeline.js';
import { closePorts, type Ports, systemClock } from '../../core/ports.js';
import { VERSION } from '../cli/version.js';
import { DemoTraffic } from './demo/DemoTraffic.js';
import { type Job, Scheduler, untilTimeOfDay } from './Scheduler.js';

/** The server could not start, for a reason a person can fix (the message says how). */
export class ServeError extends Error {
  override readonly name = 'ServeError';
}

export interface ServeOptions {
  /** The default value is 127.0.0.1: nothing is exposed beyond this machine unless asked. */
  host?: string;
  /** The default value is 8080; 0 picks a free port. */
  port?: number;
  /** Folder for the database and the archive. The default value is ./data. */
  data?: string;
  /** A configuration file; else LOGSIFT_CONFIG / LOGSIFT_CONFIG_FILE; else defaults. */
  configFile?: string;
  /** Already-loaded configuration (tests); wins over configFile. */
  config?: Config;
  /** Generate demo traffic. The default value is false. */
  demo?: boolean;
  /** Where startup and scheduler messages go. The default value is stderr. */
  log?: (line: string) => void;
}

export interface RunningServer {
  url: string;
  pipeline: Pipeline;
  ports: Ports;
  /** Stops demo traffic, the scheduler and the HTTP server, then flushes and closes every store. */
  close(): Promise<void>;
}

const RETENTION_EVERY_MS = 10 * 60_000;
const SNAPSHOT_EVERY_MS = 60_000;
const FLATLINE_EVERY_MS = 60_000;

/** Finds the built dashboard: dist/web beside the package. */
function dashboardRoot(): string | undefined {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    const candidate = join(dir, 'dist', 'web');
    if (existsSync(join(candidate, 'index.html'))) return candidate;
    dir = dirname(dir);
  }
  return undefined;
}

export async function startServer(options: ServeOptions = {}): Promise<RunningServer> {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const host = options.host ?? '127.0.0.1';
  const dataDir = resolve(options.data ?? 'data');
  const config = options.config ?? loadConfig({ file: options.configFile });
  if (options.demo) config.notify.console = true;
  mkdirSync(dataDir, { recursive: true });

  // Writes on a thread of their own: the event loop keeps analyzing and answering while SQLite writes.
  const dbPath = join(dataDir, 'logsift.db');
  const stores = openSqliteStores(dbPath, {
    writer: 'thread',
    onUpgrade: (m) => log(`upgrading ${dbPath} to schema ${m.version} (${m.name})...`),
  });
  const tail = new TailHub();
  const ports: Ports = {
    events: stores.events,
    metrics: stores.metrics,
    alerts: stores.alerts,
    patterns: stores.patterns,
    heartbeats: stores.heartbeats,
    archive: new FolderArchive(join(dataDir, 'archive')),
    notifiers: [],
    clock: systemClock,
  };
  // The dashboard link in alerts needs the final URL, known only after listening; notifiers read
  // it at send time through this object.
  const notify = { ...config.notify };
  const pipeline = new Pipeline(config, ports);
  const patterns = storedPatterns(pipeline, ports);
  const webRoot = dashboardRoot();
  const app = createApi({
    pipeline,
    ports,
    tail,
    version: VERSION,
    // Patterns of groups not seen since the last restart are restored from the store first.
    patterns,
    ...(webRoot ? { dashboard: serveStatic({ root: webRoot }) } : {}),
  });

  const server = serve({ fetch: app.fetch, hostname: host, port: options.port ?? 8080 });
  try {
    await new Promise<void>((ok, fail) => {
      server.once('listening', ok);
      server.once('error', fail);
    });
  } catch (err) {
    // Nothing else started yet: release the stores so the process can exit with the reason.
    await closePorts(ports);
    await stores.close();
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE')
      throw new ServeError(
        `${host}:${options.port ?? 8080} is already in use: stop the other server or pass --port (0 picks a free one)`,
      );
    if (code === 'EACCES')
      throw new ServeError(
        `not allowed to listen on ${host}:${options.port ?? 8080}: pick a port above 1024`,
      );
    throw err;
  }
  const address = server.address() as AddressInfo;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`;
  notify.dashboardUrl ??= url;
  ports.notifiers.push(
    ...createNotifiers(notify, {
      // Alerts folded into a storm digest get their delivery record when the digest goes out.
      onDigest: async ({ channel, alerts, ok, error }) => {
        const at = Date.now();
        for (const a of alerts)
          await ports.alerts.markDelivered(a.id, { ok, channel, at, ...(error ? { error } : {}) });
      },
    }),
  );

  const maxRetention = Math.max(...Object.values(config.store.retention));
  const jobs: Job[] = [
    {
      name: 'retention',
      every: RETENTION_EVERY_MS,
      runAtStart: true,
      run: async (now) => {
        const events = await ports.events.purgeExpired(now);
        const windows = await ports.metrics.purgeBefore(now - maxRetention);
        if (events + windows > 0) log(`retention: removed ${events} events and ${windows} metric windows`);
      },
    },
    { name: 'pattern snapshots', every: SNAPSHOT_EVERY_MS, run: () => pipeline.savePatternState() },
    {
      name: 'flatline',
      every: FLATLINE_EVERY_MS,
      run: async () => {
        await pipeline.evaluateScheduledRules();
      },
    },
  ];
  if (config.notify.dailyReport.enabled) {
    jobs.push({
      name: 'daily report',
      every: (now) => untilTimeOfDay(config.notify.dailyReport.at, now),
      run: async (now) => {
        // The report covers the UTC day that just ended.
        const day = utcDay(now - 86_400_000);
        const { from, to } = dayRange(day);
        const [windows, alerts] = await Promise.all([
          ports.metrics.queryWindows({ from, to }),
          ports.alerts.queryAlerts({ from, to, limit: 1000 }),
        ]);
        const templates = new Map((await patterns()).map((p) => [p.id, p.template]));
        const report = buildDailyReport({ day, windows, alerts, templateOf: (_g, id) => templates.get(id) });
        for (const r of await sendDailyReport(ports.notifiers, report)) {
          if (!r.ok) log(`daily report: ${r.channel} failed: ${r.error}`);
        }
      },
    });
  }
  const scheduler = new Scheduler(jobs, { error: log });
  scheduler.start();

  let demoTimer: NodeJS.Timeout | undefined;
  if (options.demo) {
    const demo = new DemoTraffic(Date.now());
    demoTimer = setInterval(() => {
      for (const batch of demo.tick(Date.now())) {
        void Promise.resolve(
          app.request('/ingest/cloudwatch', {
            method: 'POST',
            body: JSON.stringify(demo.toCloudWatchEvent(batch)),
            headers: { 'content-type': 'application/json' },
          }),
        ).then(async (res) => {
          if (!res.ok) log(`demo: ingest answered ${res.status}: ${await res.text()}`);
        });
      }
    }, 1000);
    demoTimer.unref();
  }

  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      if (demoTimer) clearInterval(demoTimer);
      await scheduler.stop();
      // Open live-tail streams would hold the HTTP server open: end them first.
      tail.close();
      await new Promise<void>((ok) => server.close(() => ok()));
      await pipeline.flush();
      await closePorts(ports);
      await stores.close();
    })();
    return closing;
  };
  return { url, pipeline, ports, close };
}
