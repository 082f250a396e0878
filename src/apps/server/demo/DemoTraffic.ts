/**
 * Demo traffic for `logsift serve --demo`: realistic logs from invented services, delivered as
 * CloudWatch Logs subscription events (gzip + base64), so they travel the same path as real ones.
 *
 * Services:
 * - `/ecs/storefront-api`: HTTP access logs with latencies; now and then a burst of 502/503s.
 * - `/ecs/order-worker`: Python logging; from a few minutes in, a new failure pattern appears.
 * - `/aws/lambda/thumbnailer`: Node runtime lines with START/END/REPORT, cold starts, timeouts.
 * - `/aws/lambda/checkout`: JSON logs (Powertools style) with levels and durations.
 *
 * Randomness is seeded, so a demo run is reproducible given the same start time.
 */
import { randomUUID } from 'node:crypto';
import { gzipSync } from 'node:zlib';

export interface DemoEvent {
  timestamp: number;
  message: string;
}

export interface DemoBatch {
  group: string;
  stream: string;
  events: DemoEvent[];
}

/**
 * Mulberry32: small, fast, seedable; good enough for made-up traffic (and the golden corpus of
 * bench/golden). Numbers in [0, 1).
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PATHS = [
  '/api/products',
  '/api/products/42',
  '/api/cart',
  '/api/cart/items',
  '/api/checkout',
  '/api/users/me',
  '/healthz',
];
const CLIENTS = [
  '203.0.113.7',
  '198.51.100.23',
  '192.0.2.44',
  '203.0.113.91',
  '2001:db8::1f',
  '198.51.100.140',
];
const AGENTS = [
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15',
  'okhttp/4.12.0',
  'curl/8.5.0',
  'Amazon CloudFront',
];

export class DemoTraffic {
  private readonly random: () => number;
  private readonly startedAt: number;
  private seq = 0;
  private warmLambda = false;

  /**
   * @param startedAt when the demo began, epoch ms; scenarios are timed from it.
   * @param seed random seed. The default value is 20261126.
   */
  constructor(startedAt: number, seed = 20261126) {
    this.startedAt = startedAt;
    this.random = mulberry32(seed);
  }

  private pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.random() * items.length)]!;
  }

  private int(min: number, max: number): number {
    return min + Math.floor(this.random() * (max - min + 1));
  }

  private id(): string {
    return randomUUID();
  }

  /** The batches for one second of traffic ending at `now`. */
  tick(now: number): DemoBatch[] {
    const elapsed = (now - this.startedAt) / 1000;
    const batches: DemoBatch[] = [
      this.storefront(now, elapsed),
      this.worker(now, elapsed),
      this.checkout(now),
    ];
    if (this.random() < 0.6) batches.push(this.thumbnailer(now));
    return batches.filter((b) => b.events.length > 0);
  }

  /** HTTP API: 8-20 requests a second; every 4 minutes a 30-second burst of upstream failures. */
  private storefront(now: number, elapsed: number): DemoBatch {
    const burst = elapsed % 240 >= 150 && elapsed % 240 < 180;
    const events: DemoEvent[] = [];
    const n = this.int(8, 20);
    for (let i = 0; i < n; i++) {
      const t = now - 1000 + Math.floor((i / n) * 1000);
      const path = this.pick(PATHS);
      const method = path === '/api/checkout' || path === '/api/cart/items' ? 'POST' : 'GET';
      let status = this.random() < 0.9 ? 200 : this.pick([201, 204, 304, 400, 401, 404]);
      let latency = Math.round(8 + this.random() ** 3 * 400);
      if (burst && this.random() < 0.5) {
        status = this.pick([502, 503, 504]);
        latency = this.int(1500, 5000);
      }
      const ts = new Date(t).toISOString();
      const clf = `${ts.slice(8, 10)}/${MONTHS[new Date(t).getUTCMonth()]}/${ts.slice(0, 4)}:${ts.slice(11, 19)} +0000`;
      events.push({
        timestamp: t,
        message: `${this.pick(CLIENTS)} - - [${clf}] "${method} ${path} HTTP/1.1" ${status} ${this.int(200, 24000)} "-" "${this.pick(AGENTS)}" request_time=${(latency / 1000).toFixed(3)} request_id=${this.id()}`,
      });
    }
    return { group: '/ecs/storefront-api', stream: 'storefront/web/4f1c2a', events };
  }

  /** Python worker: steady INFO, some retries; after 5 minutes a new failure appears every few seconds. */
  private worker(now: number, elapsed: number): DemoBatch {
    const events: DemoEvent[] = [];
    const ts = (t: number) => new Date(t).toISOString().replace('T', ' ').replace('Z', '').replace('.', ',');
    for (let i = 0; i < this.int(2, 5); i++) {
      const t = now - this.int(0, 999);
      const job = this.int(10000, 99999);
      const r = this.random();
      if (r < 0.8) {
        events.push({
          timestamp: t,
          message: `${ts(t)} INFO [order_worker.jobs] Processed order ${job} in ${this.int(20, 900)} ms (items=${this.int(1, 7)})`,
        });
      } else if (r < 0.95) {
        events.push({
          timestamp: t,
          message: `${ts(t)} WARNING [order_worker.jobs] Retrying order ${job}: inventory service slow (attempt ${this.int(2, 4)} of 5)`,
        });
      } else {
        events.push({
          timestamp: t,
          message: `${ts(t)} ERROR [order_worker.jobs] Order ${job} failed: ConnectionResetError: [Errno 104] Connection reset by peer`,
        });
      }
    }
    if (elapsed > 300 && this.random() < 0.3) {
      const t = now - this.int(0, 999);
      events.push({
        timestamp: t,
        message: `${ts(t)} ERROR [order_worker.payments] Payment provider timeout after 3000 ms for order ${this.int(10000, 99999)} (provider=stripe region=eu-west-1)`,
      });
    }
    return { group: '/ecs/order-worker', stream: 'order-worker/worker/9b7e1d', events };
  }

  /** A Lambda function: START, runtime lines, END, REPORT; cold starts and the odd timeout. */
  private thumbnailer(now: number): DemoBatch {
    const events: DemoEvent[] = [];
    const req = this.id();
    const t0 = now - 900;
    const iso = (t: number) => new Date(t).toISOString();
    const cold = !this.warmLambda || this.random() < 0.05;
    this.warmLambda = true;
    if (cold)
      events.push({
        timestamp: t0 - 300,
        message:
          'INIT_START Runtime Version: nodejs:22.v40\tRuntime Version ARN: arn:aws:lambda:eu-west-1::runtime:0d3a5c',
      });
    events.push({ timestamp: t0, message: `START RequestId: ${req} Version: $LATEST` });
    const key = `uploads/${this.int(1000, 9999)}.jpg`;
    events.push({ timestamp: t0 + 5, message: `${iso(t0 + 5)}\t${req}\tINFO\tResizing ${key} to 256x256` });
    const timeout = this.random() < 0.04;
    if (timeout) {
      events.push({
        timestamp: t0 + 3000,
        message: `${iso(t0 + 3000)} ${req} Task timed out after 3.00 seconds`,
      });
      events.push({ timestamp: t0 + 3001, message: `END RequestId: ${req}` });
      events.push({
        timestamp: t0 + 3002,
        message: `REPORT RequestId: ${req}\tDuration: 3000.00 ms\tBilled Duration: 3000 ms\tMemory Size: 512 MB\tMax Memory Used: 498 MB\tStatus: timeout`,
      });
    } else {
      const d = 40 + this.random() ** 2 * 400;
      if (this.random() < 0.1)
        events.push({
          timestamp: t0 + 20,
          message: `${iso(t0 + 20)}\t${req}\tWARN\tImage ${key} is larger than 10 MB; downscaling in two passes`,
        });
      events.push({ timestamp: t0 + d, message: `END RequestId: ${req}` });
      const init = cold ? `\tInit Duration: ${(180 + this.random() * 200).toFixed(2)} ms` : '';
      events.push({
        timestamp: t0 + d + 1,
        message: `REPORT RequestId: ${req}\tDuration: ${d.toFixed(2)} ms\tBilled Duration: ${Math.ceil(d)} ms\tMemory Size: 512 MB\tMax Memory Used: ${this.int(120, 260)} MB${init}`,
      });
    }
    return {
      group: '/aws/lambda/thumbnailer',
      stream: `${iso(now).slice(0, 10).replaceAll('-', '/')}/[$LATEST]8c1d2e3f4a5b`,
      events,
    };
  }

  /** Structured JSON logs, Powertools Logger style. */
  private checkout(now: number): DemoBatch {
    const events: DemoEvent[] = [];
    for (let i = 0; i < this.int(0, 3); i++) {
      const t = now - this.int(0, 999);
      const r = this.random();
      const level = r < 0.85 ? 'INFO' : r < 0.97 ? 'WARN' : 'ERROR';
      const message =
        level === 'INFO'
          ? 'Checkout completed'
          : level === 'WARN'
            ? 'Coupon lookup slow, continuing without discount'
            : 'Card authorization declined';
      events.push({
        timestamp: t,
        message: JSON.stringify({
          level,
          message,
          timestamp: new Date(t).toISOString(),
          service: 'checkout',
          cold_start: false,
          function_request_id: this.id(),
          xray_trace_id: `1-${Math.floor(t / 1000).toString(16)}-${this.id().replaceAll('-', '').slice(0, 24)}`,
          order_id: this.int(10000, 99999),
          amount_cents: this.int(500, 25000),
          customer_email: `customer${this.int(1, 500)}@example.com`,
          duration_ms: this.int(30, 800),
        }),
      });
    }
    return { group: '/aws/lambda/checkout', stream: '2026/11/26/[$LATEST]5e6f7a8b9c0d', events };
  }

  /** Wraps a batch as the Lambda event CloudWatch Logs would deliver. */
  toCloudWatchEvent(batch: DemoBatch): { awslogs: { data: string } } {
    const payload = {
      messageType: 'DATA_MESSAGE',
      owner: '123456789012',
      logGroup: batch.group,
      logStream: batch.stream,
      subscriptionFilters: ['logsift-demo'],
      logEvents: batch.events.map((e) => ({
        id: `${e.timestamp}${String(this.seq++).padStart(12, '0')}`,
        timestamp: Math.round(e.timestamp),
        message: e.message,
      })),
    };
    return { awslogs: { data: gzipSync(JSON.stringify(payload)).toString('base64') } };
  }
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
