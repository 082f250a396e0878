/**
 * Local mode under load: `logsift serve` runs in its own process (the built CLI) on a temp data
 * folder; this process is the load generator. Measures sustained HTTP ingest into SQLite, the time
 * from an event's arrival to being queryable, and to its alert reaching a webhook.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface LocalIngestFigures {
  eventsPerS: number;
  queryableP99Ms: number;
  alertP99Ms: number;
  events: number;
  seconds: number;
}

interface Options {
  /** Lines to cycle through as messages (e.g. the Loghub raw lines). */
  lines: string[];
  /** The built CLI. */
  cli: string;
  /** Seconds of sustained load. The default value is 10. */
  seconds?: number;
  /** Events per request. The default value is 1000. */
  batchSize?: number;
  /** Requests in flight. The default value is 4. */
  concurrency?: number;
  /** Latency probes of each kind. The default value is 40. */
  probes?: number;
  log?: (line: string) => void;
}

function p99(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.99) - 1)] ?? Number.NaN;
}

function cloudWatchBody(
  group: string,
  stream: string,
  messages: string[],
  firstId: number,
  time: number,
): string {
  const payload = {
    messageType: 'DATA_MESSAGE',
    owner: '123456789012',
    logGroup: group,
    logStream: stream,
    subscriptionFilters: ['bench'],
    logEvents: messages.map((message, i) => ({ id: String(firstId + i), timestamp: time + i, message })),
  };
  return JSON.stringify({ awslogs: { data: gzipSync(JSON.stringify(payload)).toString('base64') } });
}

export async function measureLocalIngest(options: Options): Promise<LocalIngestFigures> {
  const log = options.log ?? (() => {});
  const seconds = options.seconds ?? 10;
  const batchSize = options.batchSize ?? 1000;
  const concurrency = options.concurrency ?? 4;
  const probes = options.probes ?? 40;
  const dir = mkdtempSync(join(tmpdir(), 'logsift-bench-'));

  // The webhook that receives the probe alerts, in this process.
  const alertSeen = new Map<string, number>();
  const hook = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      const at = performance.now();
      for (const m of body.matchAll(/ALERTPROBE-(\d+)/g)) if (!alertSeen.has(m[1]!)) alertSeen.set(m[1]!, at);
      res.end('ok');
    });
  });
  await new Promise<void>((ok) => hook.listen(0, '127.0.0.1', ok));
  const hookUrl = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/hook`;
  const configFile = join(dir, 'config.json');
  writeFileSync(
    configFile,
    JSON.stringify({
      alerts: { rules: [{ id: 'probe', type: 'match', pattern: 'ALERTPROBE-', groups: ['/bench/alert-*'] }] },
      notify: { webhooks: [{ name: 'bench', url: hookUrl }], budget: { maxAlerts: 10_000 } },
    }),
  );

  // The bin itself, as a user runs it (it starts the server with its runtime flags).
  const server = spawn(
    options.cli,
    ['serve', '--port', '0', '--data', join(dir, 'data'), '--config', configFile],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  try {
    const base = await new Promise<string>((ok, fail) => {
      let out = '';
      const onData = (chunk: Buffer) => {
        out += chunk.toString();
        const m = /(http:\/\/127\.0\.0\.1:\d+)/.exec(out);
        if (m) ok(m[1]!);
      };
      server.stdout.on('data', onData);
      server.stderr.on('data', onData);
      server.once('exit', (code) => fail(new Error(`server exited with ${code}: ${out}`)));
    });
    log(`  server ${base} (data in ${dir})`);

    const post = async (body: string) => {
      const res = await fetch(`${base}/ingest/cloudwatch`, {
        method: 'POST',
        body,
        headers: { 'content-type': 'application/json' },
      });
      if (!res.ok) throw new Error(`ingest answered ${res.status}: ${await res.text()}`);
      return (await res.json()) as { processed: number };
    };

    // The request bodies are built before the clock starts, so the load generator measures the
    // server, not its own gzip: enough distinct batches (unique event ids) for 100,000 events/s.
    const lines = options.lines;
    const t0 = Date.now();
    const bodies: string[] = [];
    const batches = Math.ceil((seconds * 100_000) / batchSize);
    for (let b = 0; b < batches; b++) {
      const first = 1 + b * batchSize;
      const messages = Array.from({ length: batchSize }, (_, i) => lines[(first + i) % lines.length]!);
      bodies.push(cloudWatchBody('/bench/load', `s${b % concurrency}`, messages, first, t0 + first));
    }
    log(`  ${bodies.length} request bodies of ${batchSize} events ready`);

    // Sustained load: `concurrency` workers posting batches until time is up.
    let next = 0;
    let sent = 0;
    const deadline = performance.now() + seconds * 1000;
    const start = performance.now();
    const worker = async () => {
      while (performance.now() < deadline && next < bodies.length) {
        const r = await post(bodies[next++]!);
        sent += r.processed;
      }
    };

    // Probes run alongside the load: one queryable probe and one alert probe at a time.
    const queryable: number[] = [];
    const alerting: number[] = [];
    const probe = async () => {
      for (let i = 0; i < probes && performance.now() < deadline; i++) {
        const token = `QPROBE${i}x${Math.floor(Math.random() * 1e9)}`;
        const sentAt = performance.now();
        await post(cloudWatchBody('/bench/probe', 'p', [`probe ${token} arrived`], 9e12 + i, Date.now()));
        for (;;) {
          const res = await fetch(`${base}/api/events?q=${token}&limit=1`);
          const body = (await res.json()) as { events: unknown[] };
          if (body.events.length > 0) break;
          await new Promise((r) => setTimeout(r, 2));
        }
        queryable.push(performance.now() - sentAt);
        const alertAt = performance.now();
        await post(
          cloudWatchBody(`/bench/alert-${i}`, 'p', [`ERROR ALERTPROBE-${i} fired`], 8e12 + i, Date.now()),
        );
        while (!alertSeen.has(String(i)) && performance.now() - alertAt < 10_000)
          await new Promise((r) => setTimeout(r, 2));
        if (alertSeen.has(String(i))) alerting.push(alertSeen.get(String(i))! - alertAt);
        await new Promise((r) => setTimeout(r, (seconds * 1000) / probes / 2));
      }
    };
    await Promise.all([...Array.from({ length: concurrency }, () => worker()), probe()]);
    const elapsed = (performance.now() - start) / 1000;
    return {
      eventsPerS: sent / elapsed,
      queryableP99Ms: p99(queryable),
      alertP99Ms: p99(alerting),
      events: sent,
      seconds: elapsed,
    };
  } finally {
    server.kill('SIGTERM');
    await new Promise((ok) => server.once('exit', ok));
    hook.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
