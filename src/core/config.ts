/**
 * The one configuration schema. Every option states its default here; docs/configuration.md is
 * the reference a user reads. Loading from a file or an environment variable is the apps' job
 * (it is I/O); this module validates whatever they found and names the field that is wrong.
 *
 * @example
 * const config = parseConfig({ windowMinutes: 1, alerts: { rules: [{ id: 'errors', type: 'threshold', severity: 'ERROR', count: 5 }] } });
 */
import * as z from 'zod';
import { parseDuration } from './duration.js';
import { SEVERITIES } from './types.js';

const severity = z.enum(SEVERITIES);

/** A duration as milliseconds or text (`30s`, `5m`, `7d`); always parsed to milliseconds. */
const duration = z.union([z.number(), z.string()]).transform((value, ctx) => {
  const ms = parseDuration(value);
  if (ms === undefined) {
    ctx.addIssue({
      code: 'custom',
      message: `not a duration: ${JSON.stringify(value)} (use ms or e.g. "30s", "5m", "7d")`,
    });
    return z.NEVER;
  }
  return ms;
});

/** A regular expression source that must compile. */
const regexSource = z.string().refine(
  (source) => {
    try {
      new RegExp(source);
      return true;
    } catch {
      return false;
    }
  },
  { message: 'not a valid regular expression' },
);

const regexFlags = z.string().regex(/^[dgimsuvy]*$/, 'only the flags d g i m s u v y');

const classifySchema = z
  .object({
    /** Custom rules tried first, first match wins. Default none. */
    rules: z
      .array(
        z.strictObject({
          pattern: regexSource,
          flags: regexFlags.optional(),
          severity,
          field: z.string().optional(),
        }),
      )
      .default([]),
    /** Severity of HTTP access-log lines by status class. Default 5xx ERROR, 4xx WARNING. */
    httpStatus: z
      .strictObject({ '5xx': severity.default('ERROR'), '4xx': severity.default('WARNING') })
      .prefault({}),
    /** Severity when nothing in the line says otherwise. Default INFO. */
    fallback: severity.default('INFO'),
  })
  .strict();

const extractSchema = z
  .object({
    /** Max fields kept from a JSON message. Default 64. */
    maxJsonFields: z.number().int().min(1).max(1000).default(64),
    /** Max nesting depth flattened. Default 4. */
    maxJsonDepth: z.number().int().min(1).max(32).default(4),
    /** Max logfmt pairs. Default 32. */
    maxLogfmtPairs: z.number().int().min(1).max(1000).default(32),
    /** Max length of one string field value. Default 1024. */
    maxValueLength: z.number().int().min(16).default(1024),
  })
  .strict();

const redactSchema = z
  .object({
    /** Mask secrets and personal data before anything is stored or sent. Default true. */
    enabled: z.boolean().default(true),
    /** Built-in kinds to turn off, e.g. ["email"]. Default none. */
    disable: z.array(z.string()).default([]),
    /** Mask IP addresses too. Default false. */
    ips: z.boolean().default(false),
    /**
     * Archive the masked messages instead of the raw ones. Default true: secrets never reach storage.
     * Set false to keep raw bytes verbatim in the archive (for replay with other rules; mind compliance).
     */
    archive: z.boolean().default(true),
    /** Extra rules: a name, a regex and an optional replacement. */
    rules: z
      .array(
        z.strictObject({
          name: z.string().min(1),
          pattern: regexSource,
          flags: regexFlags.optional(),
          replacement: z.string().optional(),
        }),
      )
      .default([]),
    /** Field names whose values are always masked; replaces the built-in list when given. */
    sensitiveKeys: z.array(z.string()).optional(),
  })
  .strict();

const patternsSchema = z
  .object({
    /** Mine log patterns. Default true. */
    enabled: z.boolean().default(true),
    /** Max patterns kept per log group; least recently seen are evicted. Default 1000. */
    maxPatterns: z.number().int().min(10).default(1000),
    /** Similarity a line needs to join a pattern (0..1). Default: the miner's own. */
    similarity: z.number().min(0).max(1).optional(),
    /** Extra maskers applied before mining. */
    extraMaskers: z
      .array(
        z.strictObject({
          name: z.string().min(1),
          pattern: regexSource,
          flags: regexFlags.optional(),
          replacement: z.string().optional(),
        }),
      )
      .default([]),
  })
  .strict();

const ruleBase = {
  id: z.string().regex(/^[A-Za-z0-9_.:-]+$/, 'letters, digits and _ . : - only'),
  description: z.string().optional(),
  /** Log group globs the rule applies to. Default all groups. */
  groups: z.array(z.string()).default([]),
  /**
   * Severity of the alert itself. Default: the rule's severity for threshold rules and severity
   * spikes, the worst matching event's for match, new_pattern and pattern spikes, WARNING for
   * flatline and for drops with no example.
   */
  alertSeverity: severity.optional(),
  /** Notification channels by name. Default all configured channels. */
  channels: z.array(z.string()).optional(),
  /** After a firing, the same rule and key stay quiet this long (across windows). Default 0. */
  cooldown: duration.prefault(0),
};

const thresholdRule = z.strictObject({
  ...ruleBase,
  type: z.literal('threshold'),
  /** Counts events at or above this severity. */
  severity,
  /** Fires when the window's count reaches this number. */
  count: z.number().int().min(1),
});

const matchRule = z.strictObject({
  ...ruleBase,
  type: z.literal('match'),
  /** Only events at or above this severity. Default DEBUG (any). */
  severity: severity.default('DEBUG'),
  /** Regex on the message (or on `field` when given). */
  pattern: regexSource.optional(),
  flags: regexFlags.optional(),
  field: z.string().optional(),
  /** Exact value of `field`. */
  equals: z.union([z.string(), z.number(), z.boolean()]).optional(),
});

const newPatternRule = z.strictObject({
  ...ruleBase,
  type: z.literal('new_pattern'),
  /**
   * Fires for a pattern never seen before in the group whose events in its first window reach this
   * severity (the worst of them counts). Default WARNING.
   */
  severity: severity.default('WARNING'),
  /**
   * Learning time: patterns born while the group's miner has seen fewer events than this are
   * learned silently (otherwise a fresh group fires for every pattern it has). Default 1000.
   */
  learningEvents: z.number().int().min(0).default(1000),
});

const spikeRule = z.strictObject({
  ...ruleBase,
  type: z.literal('spike'),
  /** What is counted: each pattern's events (`pattern`), or the events at or above `severity` (`severity`). Default pattern. */
  on: z.enum(['pattern', 'severity']).default('pattern'),
  /** With `on: severity`, counts events at or above this severity. Default ERROR. */
  severity: severity.default('ERROR'),
  /** The baseline: the mean count over this many windows before the evaluated one. Default 12. */
  baselineWindows: z.number().int().min(1).max(288).default(12),
  /**
   * No firing until at least this many of the baseline windows hold events of the group (a
   * young group has no baseline yet). Default 3, at most `baselineWindows`.
   */
  minBaselineWindows: z.number().int().min(1).default(3),
  /** Up: count >= ratio x baseline mean. Down: count <= baseline mean / ratio. Default 3. */
  ratio: z.number().gt(1).default(3),
  /** Up: the window's count must reach this; down: the baseline mean must. Default 10. */
  minCount: z.number().int().min(1).default(10),
  /** `up` (bursts), `down` (drops, evaluated only for windows that have ended) or `both`. Default up. */
  direction: z.enum(['up', 'down', 'both']).default('up'),
});

const flatlineRule = z.strictObject({
  ...ruleBase,
  type: z.literal('flatline'),
  /** Fires when a group that produced events has been quiet this long. Default 15m. */
  after: duration.prefault('15m'),
});

export const alertRuleSchema = z
  .discriminatedUnion('type', [thresholdRule, matchRule, newPatternRule, spikeRule, flatlineRule])
  .superRefine((rule, ctx) => {
    if (rule.type === 'spike' && rule.minBaselineWindows > rule.baselineWindows)
      ctx.addIssue({
        code: 'custom',
        path: ['minBaselineWindows'],
        message: `must be at most baselineWindows (${rule.baselineWindows})`,
      });
    if (rule.type === 'flatline' && rule.after < 60_000)
      ctx.addIssue({ code: 'custom', path: ['after'], message: 'must be at least 1m' });
  });

/** The seed's intent, per window instead of per batch: more than 10 ERROR, or any CRITICAL. */
export const DEFAULT_ALERT_RULES = [
  {
    id: 'error-burst',
    type: 'threshold',
    severity: 'ERROR',
    count: 11,
    description: 'More than 10 events at ERROR or above in one window',
  },
  { id: 'critical', type: 'threshold', severity: 'CRITICAL', count: 1, description: 'Any CRITICAL event' },
] as const;

const alertsSchema = z
  .object({
    rules: z.array(alertRuleSchema).prefault(() => DEFAULT_ALERT_RULES.map((r) => ({ ...r }))),
    /** Example events kept per firing. Default 5. */
    examples: z.number().int().min(0).max(50).default(5),
  })
  .strict()
  .superRefine((alerts, ctx) => {
    const seen = new Set<string>();
    alerts.rules.forEach((rule, i) => {
      if (seen.has(rule.id))
        ctx.addIssue({ code: 'custom', path: ['rules', i, 'id'], message: `duplicate rule id "${rule.id}"` });
      seen.add(rule.id);
    });
  });

const decodeSchema = z
  .object({
    /** Cap on one decompressed CloudWatch payload, bytes. Default 64 MiB. */
    maxDecompressedBytes: z
      .number()
      .int()
      .min(1024)
      .default(64 * 1024 * 1024),
    /** Longer lines are truncated on text/NDJSON ingest, bytes. Default 256 KiB. */
    maxLineBytes: z
      .number()
      .int()
      .min(256)
      .default(256 * 1024),
  })
  .strict();

const retentionSchema = z
  .strictObject({
    CRITICAL: duration.prefault('90d'),
    ERROR: duration.prefault('30d'),
    WARNING: duration.prefault('14d'),
    INFO: duration.prefault('7d'),
    DEBUG: duration.prefault('1d'),
  })
  .prefault({});

const storeSchema = z
  .object({
    /** Stored messages are cut to this many bytes (flagged `truncated`); the archive keeps them whole. Default 32 KiB. */
    maxMessageBytes: z
      .number()
      .int()
      .min(256)
      .max(350_000)
      .default(32 * 1024),
    /** Time to live per severity. Defaults CRITICAL 90d, ERROR 30d, WARNING 14d, INFO 7d, DEBUG 1d. */
    retention: retentionSchema,
  })
  .strict();

const webhookUrl = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' });

const notifySchema = z
  .object({
    /** Base URL of the dashboard, used for links in alert messages. Default none (the server sets its own). */
    dashboardUrl: z.string().optional(),
    /** Print alerts to the console (standard error). Default false; `logsift serve --demo` turns it on. */
    console: z.boolean().default(false),
    /** Email over SMTP (local mode). In AWS, email goes through the SNS topic's subscriptions instead. */
    email: z
      .strictObject({
        /** SMTP server URL, e.g. `smtp://user:pass@mail.example.com:587` or `smtps://...:465`. */
        smtp: z.string().regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://'),
        from: z.string().min(3),
        to: z.array(z.string().min(3)).min(1),
        /** Subject prefix. Default "[logsift]". */
        subjectPrefix: z.string().default('[logsift]'),
      })
      .optional(),
    /** Slack incoming webhook. */
    slack: z.strictObject({ webhookUrl }).optional(),
    /** Microsoft Teams incoming webhook (Workflows or legacy connector URL). */
    teams: z.strictObject({ webhookUrl }).optional(),
    /** Generic JSON webhooks: the alert as JSON in a POST body. */
    webhooks: z
      .array(
        z.strictObject({
          name: z.string().regex(/^[A-Za-z0-9_.-]+$/, 'letters, digits and _ . - only'),
          url: webhookUrl,
          headers: z.record(z.string(), z.string()).default({}),
        }),
      )
      .default([]),
    /** Delivery attempts per alert and channel, with exponential backoff from `backoff`. Defaults 4 and 1s. */
    retry: z
      .strictObject({
        attempts: z.number().int().min(1).max(20).default(4),
        backoff: duration.prefault('1s'),
      })
      .prefault({}),
    /**
     * Storm control per channel: at most `maxAlerts` messages per `window`; further firings are folded
     * into one digest sent when the window ends. Defaults 10 per 10m.
     */
    budget: z
      .strictObject({ maxAlerts: z.number().int().min(1).default(10), window: duration.prefault('10m') })
      .prefault({}),
    /** A daily report (counts, top patterns, alerts) to every channel at this UTC time. Default off. */
    dailyReport: z
      .strictObject({
        enabled: z.boolean().default(false),
        at: z
          .string()
          .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM, 24-hour UTC')
          .default('08:00'),
      })
      .prefault({}),
  })
  .strict();

export const configSchema = z
  .object({
    /** Metric and alert window length in minutes. Default 5. */
    windowMinutes: z.number().int().min(1).max(1440).default(5),
    /** Log group globs never processed (loop guard). Default logsift's own function log groups. */
    ignoreGroups: z.array(z.string()).default(['/aws/lambda/logsift-*', '/aws/lambda/LogsiftStack-*']),
    decode: decodeSchema.prefault({}),
    classify: classifySchema.prefault({}),
    extract: extractSchema.prefault({}),
    redact: redactSchema.prefault({}),
    patterns: patternsSchema.prefault({}),
    alerts: alertsSchema.prefault({}),
    store: storeSchema.prefault({}),
    notify: notifySchema.prefault({}),
  })
  .strict();

export type Config = z.output<typeof configSchema>;
export type ConfigInput = z.input<typeof configSchema>;
export type AlertRule = z.output<typeof alertRuleSchema>;
export type NotifyConfig = Config['notify'];
export type ThresholdRule = Extract<AlertRule, { type: 'threshold' }>;
export type MatchRule = Extract<AlertRule, { type: 'match' }>;
export type NewPatternRule = Extract<AlertRule, { type: 'new_pattern' }>;
export type SpikeRule = Extract<AlertRule, { type: 'spike' }>;
export type FlatlineRule = Extract<AlertRule, { type: 'flatline' }>;

/** What is wrong with a configuration, one line per problem, each naming the field. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(
    readonly origin: string,
    readonly problems: string[],
  ) {
    super(`invalid configuration in ${origin}:\n  ${problems.join('\n  ')}`);
  }
}

/** Validates a configuration object and fills in defaults. Throws ConfigError naming each bad field. */
export function parseConfig(input: unknown = {}, origin = 'config'): Config {
  const result = configSchema.safeParse(input ?? {});
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const path = issue.path.length > 0 ? formatPath(issue.path) : '(root)';
    return `${path}: ${issue.message}`;
  });
  throw new ConfigError(origin, problems);
}

/** Parses JSON text, then the configuration. */
export function parseConfigText(text: string, origin = 'config'): Config {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new ConfigError(origin, [`not valid JSON: ${(err as Error).message}`]);
  }
  return parseConfig(value, origin);
}

/** The default configuration. */
export function defaultConfig(): Config {
  return parseConfig({});
}

function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`))
    .join('');
}
