/**
 * Runs the server's periodic jobs (retention, flatline rules, pattern snapshots, the daily report)
 * on timers. A job never overlaps itself; a failing job is logged and runs again next time; stop()
 * waits for running jobs so shutdown does not cut one in half.
 */
export interface Job {
  name: string;
  /** Milliseconds between runs, or a function giving the delay until the next run (e.g. a time of day). */
  every: number | ((now: number) => number);
  run(now: number): Promise<void>;
  /** Run once right after start. The default value is false. */
  runAtStart?: boolean;
}

export interface SchedulerLogger {
  error(message: string): void;
}

export class Scheduler {
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly running = new Set<Promise<void>>();
  private stopped = false;

  constructor(
    private readonly jobs: Job[],
    private readonly logger: SchedulerLogger = { error: (m) => console.error(m) },
    private readonly now: () => number = Date.now,
  ) {}

  start(): void {
    for (const job of this.jobs) {
      if (job.runAtStart) void this.runJob(job);
      this.schedule(job);
    }
  }

  private schedule(job: Job): void {
    if (this.stopped) return;
    const delay = typeof job.every === 'number' ? job.every : job.every(this.now());
    const timer = setTimeout(
      () => {
        this.timers.delete(timer);
        void this.runJob(job).finally(() => this.schedule(job));
      },
      Math.max(0, delay),
    );
    // Timers must not keep the process alive: shutdown is explicit.
    timer.unref();
    this.timers.add(timer);
  }

  /** Runs a job now (also used by tests and on shutdown). */
  async runJob(job: Job): Promise<void> {
    const started = this.now();
    const run = job.run(started).catch((err: unknown) => {
      this.logger.error(
        `scheduler: job ${job.name} failed: ${err instanceof Error ? err.message : String(err)}`,
      );
    });
    this.running.add(run);
    try {
      await run;
    } finally {
      this.running.delete(run);
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    await Promise.all(this.running);
  }
}

/** Milliseconds from `now` until the next `HH:MM` UTC. */
export function untilTimeOfDay(hhmm: string, now: number): number {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  const d = new Date(now);
  let next = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), h, m);
  if (next <= now) next += 86_400_000;
  return next - now;
}
