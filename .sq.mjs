// ../../tmp/sq.mts
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join as join2 } from "node:path";

// src/core/duration.ts
var UNIT_MS = {
  ms: 1,
  s: 1e3,
  m: 6e4,
  h: 36e5,
  d: 864e5,
  w: 6048e5
};
var DURATION = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d|w)\s*$/;
function parseDuration(value) {
  if (typeof value === "number") return Number.isFinite(value) && value >= 0 ? value : void 0;
  const m = DURATION.exec(value);
  if (!m) return void 0;
  return Math.round(Number(m[1]) * UNIT_MS[m[2]]);
}
function formatDuration(ms) {
  for (const [unit, size] of [
    ["w", 6048e5],
    ["d", 864e5],
    ["h", 36e5],
    ["m", 6e4],
    ["s", 1e3]
  ]) {
    if (ms >= size && ms % size === 0) return `${ms / size}${unit}`;
  }
  return `${ms}ms`;
}

// src/core/glob.ts
function globToRegExp(glob) {
  const body = glob.split("*").map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&")).join(".*");
  return new RegExp(`^${body}$`);
}
function globMatcher(globs) {
  if (globs.length === 0) return () => false;
  const res = globs.map(globToRegExp);
  return (name) => res.some((re) => re.test(name));
}

// src/core/types.ts
var SEVERITIES = ["CRITICAL", "ERROR", "WARNING", "INFO", "DEBUG"];
var SEVERITY_RANK = {
  CRITICAL: 4,
  ERROR: 3,
  WARNING: 2,
  INFO: 1,
  DEBUG: 0
};
function isSeverity(value) {
  return typeof value === "string" && Object.hasOwn(SEVERITY_RANK, value);
}
function atLeast(a2, b) {
  return SEVERITY_RANK[a2] >= SEVERITY_RANK[b];
}

// src/core/metrics/LatencySketch.ts
var RELATIVE_ACCURACY = 0.02;
var GAMMA = (1 + RELATIVE_ACCURACY) / (1 - RELATIVE_ACCURACY);
var LN_GAMMA = Math.log(GAMMA);
var MIN_VALUE = 1e-3;
var ZERO_BUCKET = "z";
function bucketOf(value) {
  if (!(value > MIN_VALUE)) return ZERO_BUCKET;
  return String(Math.ceil(Math.log(value) / LN_GAMMA));
}

// src/core/metrics/window.ts
var DEFAULT_WINDOW_MS = 3e5;
function windowStart(timestamp, windowMs = DEFAULT_WINDOW_MS) {
  return timestamp - (timestamp % windowMs + windowMs) % windowMs;
}
function windowKey(group, start) {
  return `${group}\0${start}`;
}
function emptyWindow(group, start, windowMs = DEFAULT_WINDOW_MS) {
  return { group, start, end: start + windowMs, counters: {}, maxima: {} };
}
function addCounter(w, name, by = 1) {
  w.counters[name] = (w.counters[name] ?? 0) + by;
}
function raiseMax(w, name, value) {
  const current = w.maxima[name];
  if (current === void 0 || value > current) w.maxima[name] = value;
}
function countAtLeast(w, severity2) {
  let n = 0;
  for (const s of SEVERITIES) {
    n += w.counters[`sev.${s}`] ?? 0;
    if (s === severity2) break;
  }
  return n;
}
function severityCounts(w) {
  const counts = { total: w.counters.total ?? 0 };
  for (const s of SEVERITIES) counts[s] = w.counters[`sev.${s}`] ?? 0;
  return counts;
}

// src/core/alerts/firing.ts
import { createHash } from "node:crypto";
function firingId(dedupKey) {
  return createHash("sha256").update(dedupKey).digest("hex").slice(0, 24);
}
function dedupKeyOf(rule, group, key, start) {
  return `${rule}|${group}|${key}|${start}`;
}
function buildFiring(rule, group, key, start, windowMs, now, detail) {
  const dedupKey = dedupKeyOf(rule.id, group, key, start);
  const firing = {
    id: firingId(dedupKey),
    dedupKey,
    rule: rule.id,
    type: rule.type,
    group,
    key,
    window: { start, end: start + windowMs },
    severity: detail.severity,
    summary: detail.summary,
    counts: detail.counts,
    examples: detail.examples,
    firedAt: now
  };
  if (detail.patternId !== void 0) firing.patternId = detail.patternId;
  if (detail.template !== void 0) firing.template = detail.template;
  if (detail.value !== void 0) firing.value = detail.value;
  if (detail.baseline !== void 0) firing.baseline = detail.baseline;
  if (rule.channels) firing.channels = rule.channels;
  return firing;
}
function toExample(e) {
  const example = {
    id: e.id,
    timestamp: e.timestamp,
    severity: e.severity,
    message: e.message.length > 1e3 ? `${e.message.slice(0, 1e3)}\u2026` : e.message
  };
  if (e.patternId) example.patternId = e.patternId;
  return example;
}
function worst(severities) {
  let best;
  for (const s of severities) if (best === void 0 || atLeast(s, best)) best = s;
  return best;
}
function plural(n, word) {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

// src/core/alerts/AlertEvaluator.ts
var AlertEvaluator = class {
  /**
   * @param rules the configured rules
   * @param windowMs window length. The default value is 300000.
   * @param maxExamples example events per firing. The default value is 5.
   */
  constructor(rules, windowMs = 3e5, maxExamples = 5) {
    this.windowMs = windowMs;
    this.maxExamples = maxExamples;
    for (const rule of rules) {
      const appliesTo = rule.groups.length === 0 ? () => true : globMatcher(rule.groups);
      if (rule.type === "threshold") this.thresholds.push({ rule, appliesTo });
      else if (rule.type === "match") this.matches.push({ rule, appliesTo, test: compileMatch(rule) });
    }
  }
  windowMs;
  maxExamples;
  thresholds = [];
  matches = [];
  get hasMatchRules() {
    return this.matches.length > 0;
  }
  /** Runs `match` rules over a batch's events. */
  matchEvents(events) {
    if (this.matches.length === 0) return [];
    const hits = /* @__PURE__ */ new Map();
    for (const m of this.matches) {
      for (const event of events) {
        if (!m.appliesTo(event.group) || !m.test(event)) continue;
        const start = windowStart(event.timestamp, this.windowMs);
        const k = dedupKeyOf(m.rule.id, event.group, "*", start);
        let hit = hits.get(k);
        if (!hit) {
          hit = { rule: m.rule, group: event.group, start, count: 0, examples: [] };
          hits.set(k, hit);
        }
        hit.count++;
        if (hit.examples.length < this.maxExamples) hit.examples.push(event);
      }
    }
    return [...hits.values()];
  }
  /**
   * Firings for a batch: threshold rules over the windows' current totals, plus the batch's
   * match hits. `events` supplies examples.
   */
  evaluate(windows, events, hits, now) {
    const firings = [];
    for (const { rule, appliesTo } of this.thresholds) {
      for (const w of windows) {
        if (!appliesTo(w.group)) continue;
        const n = countAtLeast(w, rule.severity);
        if (n < rule.count) continue;
        const examples = this.examplesFor(events, w, rule.severity);
        const label = rule.count === 1 && rule.severity === "CRITICAL" ? "CRITICAL" : `at ${rule.severity} or above`;
        firings.push(
          this.firing(rule, w.group, "*", w, now, {
            severity: rule.alertSeverity ?? rule.severity,
            summary: `${n} event${n === 1 ? "" : "s"} ${label} in ${w.group} within ${formatDuration(this.windowMs)} (rule ${rule.id}: ${rule.count} or more)`,
            examples
          })
        );
      }
    }
    for (const hit of hits) {
      const w = windows.find((x) => x.group === hit.group && x.start === hit.start);
      const rule = hit.rule;
      const what = rule.pattern ? `matching /${rule.pattern}/` : `at ${rule.severity} or above`;
      firings.push(
        this.firing(
          rule,
          hit.group,
          "*",
          w ?? {
            group: hit.group,
            start: hit.start,
            end: hit.start + this.windowMs,
            counters: {},
            maxima: {}
          },
          now,
          {
            severity: rule.alertSeverity ?? worst(hit.examples.map((e) => e.severity)) ?? rule.severity,
            summary: `${hit.count} event${hit.count === 1 ? "" : "s"} ${what} in ${hit.group} (rule ${rule.id})`,
            examples: hit.examples.map(toExample)
          }
        )
      );
    }
    return firings;
  }
  examplesFor(events, w, severity2) {
    const out = [];
    for (const e of events) {
      if (out.length >= this.maxExamples) break;
      if (e.group === w.group && e.timestamp >= w.start && e.timestamp < w.end && atLeast(e.severity, severity2))
        out.push(toExample(e));
    }
    return out;
  }
  firing(rule, group, key, w, now, detail) {
    return buildFiring(rule, group, key, w.start, this.windowMs, now, {
      ...detail,
      counts: severityCounts(w)
    });
  }
};
function compileMatch(rule) {
  const re = rule.pattern !== void 0 ? new RegExp(rule.pattern, (rule.flags ?? "").replace(/[gy]/g, "")) : void 0;
  const { field, equals, severity: severity2 } = rule;
  return (event) => {
    if (!atLeast(event.severity, severity2)) return false;
    const subject = field === void 0 ? event.message : event.fields[field];
    if (equals !== void 0 && subject !== equals) return false;
    if (re && (subject === void 0 || !re.test(String(subject)))) return false;
    return true;
  };
}

// src/core/alerts/anomaly.ts
var PATTERN_PREFIX = "pat.";
var AnomalyEvaluator = class {
  /**
   * @param rules the configured rules (other types are ignored)
   * @param windowMs window length. The default value is 300000.
   * @param maxExamples example events per firing. The default value is 5.
   *
   * @example
   * const anomalies = new AnomalyEvaluator(config.alerts.rules, 300_000, 5);
   * const firings = anomalies.newPatternFirings(analysis.newPatterns, analysis.events, applied.windows, now);
   */
  constructor(rules, windowMs = 3e5, maxExamples = 5) {
    this.windowMs = windowMs;
    this.maxExamples = maxExamples;
    for (const rule of rules) {
      const appliesTo = rule.groups.length === 0 ? () => true : globMatcher(rule.groups);
      if (rule.type === "new_pattern") this.newPatternRules.push({ rule, appliesTo });
      else if (rule.type === "spike") this.spikeRules.push({ rule, appliesTo });
    }
  }
  windowMs;
  maxExamples;
  newPatternRules = [];
  spikeRules = [];
  /**
   * Firings for patterns born in a batch. `windows` are the current totals of the windows the batch
   * touched (the pattern's count in its first window comes from there).
   */
  newPatternFirings(born, events, windows, now) {
    if (this.newPatternRules.length === 0 || born.length === 0) return [];
    const candidates = born.filter(
      (b) => this.newPatternRules.some((r) => r.appliesTo(b.group) && b.seenBefore >= r.rule.learningEvents)
    );
    if (candidates.length === 0) return [];
    const byPattern = this.eventsOfPatterns(new Set(candidates.map((b) => b.patternId)), events);
    const firings = [];
    for (const b of candidates) {
      const start = windowStart(b.event.timestamp, this.windowMs);
      const own = (byPattern.get(b.patternId) ?? [b.event]).filter(
        (e) => e.group === b.group && windowStart(e.timestamp, this.windowMs) === start
      );
      const severity2 = worst(own.map((e) => e.severity)) ?? b.event.severity;
      const w = windows.find((x) => x.group === b.group && x.start === start);
      const count = w?.counters[PATTERN_PREFIX + b.patternId] ?? own.length;
      const template = own[own.length - 1]?.template ?? b.template;
      const examples = own.slice(0, this.maxExamples).map(toExample);
      for (const { rule, appliesTo } of this.newPatternRules) {
        if (!appliesTo(b.group) || b.seenBefore < rule.learningEvents || !atLeast(severity2, rule.severity))
          continue;
        firings.push(
          buildFiring(rule, b.group, b.patternId, start, this.windowMs, now, {
            severity: rule.alertSeverity ?? severity2,
            summary: `New pattern in ${b.group}: \`${clip(template, 160)}\` (${severity2}, ${plural(count, "event")}), e.g. ${clip(b.event.message, 160)}`,
            counts: w ? severityCounts(w) : zeroCounts(),
            examples,
            patternId: b.patternId,
            template,
            value: count
          })
        );
      }
    }
    return firings;
  }
  /** True when a spike rule watches `group`: only then does the pipeline fetch the baseline. */
  watchesSpikes(group) {
    return this.spikeRules.some((r) => r.appliesTo(group));
  }
  /**
   * The windows a spike evaluation of `touched` needs, as a MetricStore query range: the baseline
   * before the earliest touched window's predecessor (drops look one window back), up to the last
   * touched window.
   */
  baselineRange(group, touched) {
    let n = 1;
    for (const { rule, appliesTo } of this.spikeRules)
      if (appliesTo(group)) n = Math.max(n, rule.baselineWindows);
    let min = Number.POSITIVE_INFINITY;
    let max = Number.NEGATIVE_INFINITY;
    for (const w of touched) {
      if (w.start < min) min = w.start;
      if (w.start > max) max = w.start;
    }
    return { from: min - (n + 1) * this.windowMs, to: max + this.windowMs };
  }
  /**
   * Spike firings of one group. `touched`: the current totals of the windows the batch touched;
   * `history`: the group's windows over `baselineRange` (from the MetricStore, touched ones
   * included or not); `events`: the batch, for examples; `describe`: the miner's view of a
   * pattern, for drops (their window may hold none of the pattern's events).
   */
  spikeFirings(group, touched, history, events, now, describe = () => void 0) {
    const rules = this.spikeRules.filter((r) => r.appliesTo(group)).map((r) => r.rule);
    const own = touched.filter((w) => w.group === group);
    if (rules.length === 0 || own.length === 0) return [];
    const byStart = /* @__PURE__ */ new Map();
    for (const w of history) if (w.group === group) byStart.set(w.start, w);
    for (const w of own) byStart.set(w.start, w);
    const ended = /* @__PURE__ */ new Set();
    for (const w of own) {
      const prev = w.start - this.windowMs;
      if (prev + this.windowMs <= now) ended.add(prev);
    }
    const firings = [];
    for (const rule of rules) {
      if (rule.direction !== "down")
        for (const w of own) this.judge(rule, group, w.start, "up", byStart, events, now, describe, firings);
      if (rule.direction !== "up")
        for (const start of ended)
          this.judge(rule, group, start, "down", byStart, events, now, describe, firings);
    }
    return firings;
  }
  judge(rule, group, start, direction, byStart, events, now, describe, out) {
    const baseline = [];
    for (let k = 1; k <= rule.baselineWindows; k++) {
      const w = byStart.get(start - k * this.windowMs);
      if (w && (w.counters.total ?? 0) > 0) baseline.push(w);
    }
    if (baseline.length < rule.minBaselineWindows) return;
    const current = byStart.get(start);
    const keys2 = /* @__PURE__ */ new Set();
    if (rule.on === "severity") keys2.add(rule.severity);
    else if (direction === "up") {
      if (current) {
        for (const name in current.counters) if (name.startsWith(PATTERN_PREFIX)) keys2.add(name.slice(4));
      }
    } else {
      for (const w of baseline)
        for (const name in w.counters) if (name.startsWith(PATTERN_PREFIX)) keys2.add(name.slice(4));
    }
    for (const key of keys2) {
      const countIn = (w) => w === void 0 ? 0 : rule.on === "severity" ? countAtLeast(w, rule.severity) : w.counters[PATTERN_PREFIX + key] ?? 0;
      const value = countIn(current);
      let sum = 0;
      for (const w of baseline) sum += countIn(w);
      const mean = sum / baseline.length;
      const fires = direction === "up" ? value >= rule.minCount && value >= rule.ratio * mean : mean >= rule.minCount && value <= mean / rule.ratio;
      if (!fires) continue;
      out.push(
        this.spikeFiring(rule, group, key, start, direction, value, mean, current, events, now, describe)
      );
    }
  }
  spikeFiring(rule, group, key, start, direction, value, mean, current, events, now, describe) {
    const end = start + this.windowMs;
    const examples = [];
    let template;
    for (const e of events) {
      if (examples.length >= this.maxExamples) break;
      if (e.group !== group || e.timestamp < start || e.timestamp >= end) continue;
      if (rule.on === "severity" ? !atLeast(e.severity, rule.severity) : e.patternId !== key) continue;
      examples.push(toExample(e));
      if (e.template !== void 0) template = e.template;
    }
    const pattern = rule.on === "pattern";
    const known = pattern && template === void 0 ? describe(key) : void 0;
    if (known) template = known.template;
    const what = pattern ? `pattern \`${clip(template ?? key, 160)}\`` : `events at ${rule.severity} or above:`;
    const change = direction === "up" ? mean > 0 ? `${round(value / mean)}x` : "none before" : `${Math.round(value / mean * 100)}% of usual`;
    const eg = examples[0]?.message ?? known?.example;
    const summary = `${direction === "up" ? "Spike" : "Drop"} in ${group}: ${what} ${plural(value, "event")} in ${formatDuration(this.windowMs)} vs ${round(mean)} per window before (${change})` + (eg !== void 0 ? `, e.g. ${clip(eg, 160)}` : "");
    const severity2 = rule.alertSeverity ?? (pattern ? worst(examples.map((e) => e.severity)) ?? "WARNING" : rule.severity);
    const detail = {
      severity: severity2,
      summary,
      counts: current ? severityCounts(current) : zeroCounts(),
      examples,
      value,
      baseline: round(mean),
      ...pattern ? { patternId: key } : {},
      ...template !== void 0 ? { template } : {}
    };
    return buildFiring(rule, group, key, start, this.windowMs, now, detail);
  }
  eventsOfPatterns(ids, events) {
    const byPattern = /* @__PURE__ */ new Map();
    for (const e of events) {
      if (e.patternId === void 0 || !ids.has(e.patternId)) continue;
      const list = byPattern.get(e.patternId);
      if (list) list.push(e);
      else byPattern.set(e.patternId, [e]);
    }
    return byPattern;
  }
};
function zeroCounts() {
  return { total: 0, CRITICAL: 0, ERROR: 0, WARNING: 0, INFO: 0, DEBUG: 0 };
}
function round(n) {
  return n >= 10 ? Math.round(n) : Math.round(n * 10) / 10;
}
function clip(text, n) {
  const one = text.replace(/\s+/g, " ");
  return one.length > n ? `${one.slice(0, n - 1)}\u2026` : one;
}

// src/core/alerts/flatline.ts
var LAST_EVENT_MAX = "time.last";

// src/core/classify/errors.ts
var ClassifierConfigError = class extends Error {
  name = "ClassifierConfigError";
};

// src/core/classify/http.ts
var CLF_STATUS = /"[A-Z]{3,10} [^"]* HTTP\/\d(?:\.\d)?" (\d{3})(?: |$)/;
var ELB_STATUS = / (\d{3}) (?:\d{3}|-) \d+ \d+ "(?:[A-Z]{3,10}|-) /;
function statusSeverity(status, map) {
  if (!(status >= 100 && status <= 599)) return void 0;
  if (status >= 500) return map["5xx"];
  if (status >= 400) return map["4xx"];
  return "INFO";
}
function accessLogLevel(msg, map, why) {
  let status = -1;
  if (msg.indexOf(" HTTP/") >= 0) {
    const m = CLF_STATUS.exec(msg) ?? ELB_STATUS.exec(msg);
    if (m) status = Number(m[1]);
  } else {
    status = cloudFrontStatus(msg);
  }
  if (status < 0) return void 0;
  const severity2 = statusSeverity(status, map);
  if (severity2 !== void 0 && why) why.reason = `http:${status}`;
  return severity2;
}
function cloudFrontStatus(msg) {
  const d = msg.charCodeAt(0) - 48;
  if (!(d >= 0 && d <= 9)) return -1;
  let from = 0;
  for (let field = 0; field < 8; field++) {
    const tab = msg.indexOf("	", from);
    if (tab < 0 || tab - from > 80) return -1;
    if (field === 5) {
      for (let k = from; k < tab; k++) {
        const c2 = msg.charCodeAt(k);
        if (c2 < 65 || c2 > 90) return -1;
      }
    }
    from = tab + 1;
  }
  if (msg.charCodeAt(from + 3) !== 9 && from + 3 !== msg.length) return -1;
  let status = 0;
  for (let k = from; k < from + 3; k++) {
    const digit = msg.charCodeAt(k) - 48;
    if (digit < 0 || digit > 9) return -1;
    status = status * 10 + digit;
  }
  return status;
}

// src/core/classify/levels.ts
var NAMES = [
  // DEBUG: log4j/logback/slf4j, java.util.logging, Serilog/zerolog abbreviations, .NET console codes.
  { name: "TRACE", severity: "DEBUG", bare: true },
  { name: "DEBUG", severity: "DEBUG", bare: true },
  { name: "VERBOSE", severity: "DEBUG", bare: true },
  { name: "FINE", severity: "DEBUG", bare: false },
  { name: "FINER", severity: "DEBUG", bare: false },
  { name: "FINEST", severity: "DEBUG", bare: false },
  { name: "DBG", severity: "DEBUG", bare: true },
  { name: "TRC", severity: "DEBUG", bare: true },
  { name: "VRB", severity: "DEBUG", bare: true },
  { name: "DBUG", severity: "DEBUG", bare: false },
  { name: "TRCE", severity: "DEBUG", bare: false },
  // Apache httpd 2.4 trace levels ([core:trace3]).
  ...[1, 2, 3, 4, 5, 6, 7, 8].map((n) => ({ name: `TRACE${n}`, severity: "DEBUG", bare: false })),
  // INFO
  { name: "INFO", severity: "INFO", bare: true },
  { name: "INF", severity: "INFO", bare: true },
  { name: "INFORMATION", severity: "INFO", bare: true },
  { name: "INFORMATIONAL", severity: "INFO", bare: false },
  { name: "NOTICE", severity: "INFO", bare: true },
  { name: "CONFIG", severity: "INFO", bare: false },
  // WARNING
  { name: "WARN", severity: "WARNING", bare: true },
  { name: "WARNING", severity: "WARNING", bare: true },
  { name: "WRN", severity: "WARNING", bare: true },
  // ERROR
  { name: "ERROR", severity: "ERROR", bare: true },
  { name: "ERR", severity: "ERROR", bare: true },
  { name: "EROR", severity: "ERROR", bare: true },
  { name: "SEVERE", severity: "ERROR", bare: true },
  { name: "FAIL", severity: "ERROR", bare: false },
  // CRITICAL
  { name: "FATAL", severity: "CRITICAL", bare: true },
  { name: "FTL", severity: "CRITICAL", bare: true },
  { name: "CRITICAL", severity: "CRITICAL", bare: true },
  { name: "CRIT", severity: "CRITICAL", bare: true },
  { name: "ALERT", severity: "CRITICAL", bare: false },
  { name: "EMERG", severity: "CRITICAL", bare: true },
  { name: "EMERGENCY", severity: "CRITICAL", bare: false },
  { name: "PANIC", severity: "CRITICAL", bare: true },
  { name: "PNC", severity: "CRITICAL", bare: true },
  // logrus' four-letter terminal spellings (`ERRO[0001] msg`).
  { name: "DEBU", severity: "DEBUG", bare: false },
  { name: "TRAC", severity: "DEBUG", bare: false },
  { name: "ERRO", severity: "ERROR", bare: false },
  { name: "FATA", severity: "CRITICAL", bare: false },
  { name: "PANI", severity: "CRITICAL", bare: false }
];
var MAX_LEVEL_LENGTH = 13;
function hashUpper(s, start, end) {
  let h = 5381;
  for (let i = start; i < end; i++) {
    let c2 = s.charCodeAt(i);
    if (c2 >= 97 && c2 <= 122) c2 -= 32;
    h = Math.imul(h, 33) + c2 | 0;
  }
  return h;
}
var INITIALS = 0;
for (const level of NAMES) INITIALS |= 1 << level.name.charCodeAt(0) - 65;
var BY_HASH = /* @__PURE__ */ new Map();
for (const level of NAMES) {
  const h = hashUpper(level.name, 0, level.name.length);
  if (BY_HASH.has(h)) throw new Error(`level name hash collision: ${level.name}`);
  BY_HASH.set(h, level);
}
function lookupLevel(s, start, end) {
  const len = end - start;
  if (len < 3 || len > MAX_LEVEL_LENGTH) return void 0;
  const first = (s.charCodeAt(start) | 32) - 97;
  if (first < 0 || first > 25 || (INITIALS & 1 << first) === 0) return void 0;
  const level = BY_HASH.get(hashUpper(s, start, end));
  if (level === void 0 || level.name.length !== len) return void 0;
  for (let i = 0; i < len; i++) {
    let c2 = s.charCodeAt(start + i);
    if (c2 >= 97 && c2 <= 122) c2 -= 32;
    if (c2 !== level.name.charCodeAt(i)) return void 0;
  }
  return level;
}
function letterCase(s, start, end) {
  let upper = 0;
  let lower = 0;
  for (let i = start; i < end; i++) {
    const c2 = s.charCodeAt(i);
    if (c2 >= 65 && c2 <= 90) upper++;
    else if (c2 >= 97 && c2 <= 122) lower++;
  }
  if (lower === 0) return 1;
  const first = s.charCodeAt(start);
  return upper === 1 && first >= 65 && first <= 90 ? 2 : 0;
}
function syslogSeverity(n) {
  if (n <= 2) return "CRITICAL";
  if (n === 3) return "ERROR";
  if (n === 4) return "WARNING";
  if (n <= 6) return "INFO";
  return "DEBUG";
}
function pinoSeverity(n) {
  if (n >= 60) return "CRITICAL";
  if (n >= 50) return "ERROR";
  if (n >= 40) return "WARNING";
  if (n >= 30) return "INFO";
  return "DEBUG";
}
function otelSeverity(n) {
  if (n >= 21) return "CRITICAL";
  if (n >= 17) return "ERROR";
  if (n >= 13) return "WARNING";
  if (n >= 9) return "INFO";
  return "DEBUG";
}
function letterSeverity(c2) {
  switch (c2) {
    case 86:
    // V
    case 68:
      return "DEBUG";
    case 73:
      return "INFO";
    case 87:
      return "WARNING";
    case 69:
      return "ERROR";
    case 70:
    // F
    case 65:
      return "CRITICAL";
    default:
      return void 0;
  }
}

// src/core/classify/lambda.ts
var PLATFORM_PREFIXES = [
  "START RequestId:",
  "END RequestId:",
  "REPORT RequestId:",
  "INIT_START",
  "INIT_REPORT",
  "INIT_RUNTIME_DONE",
  "RESTORE_START",
  "RESTORE_REPORT",
  "RESTORE_RUNTIME_DONE",
  "EXTENSION Name:",
  "TELEMETRY Name:"
];
var STATUS = "Status: ";
function lambdaStatusSeverity(status, errorType) {
  if (status === "success") return "INFO";
  if (errorType.startsWith("Runtime.ExitError") || errorType.startsWith("Runtime.OutOfMemory"))
    return "CRITICAL";
  return "ERROR";
}
function platformLevel(msg, why) {
  const c2 = msg.charCodeAt(0);
  if (c2 !== 83 && c2 !== 69 && c2 !== 82 && c2 !== 73 && c2 !== 84) return void 0;
  let prefix;
  for (const p of PLATFORM_PREFIXES) {
    if (msg.startsWith(p)) {
      prefix = p;
      break;
    }
  }
  if (prefix === void 0) return void 0;
  const at = msg.indexOf(STATUS, prefix.length);
  if (at < 0) {
    if (why) why.reason = `lambda:${prefix.split(" ")[0]}`;
    return "INFO";
  }
  const from = at + STATUS.length;
  let to = from;
  while (to < msg.length && msg.charCodeAt(to) > 32) to++;
  const status = msg.slice(from, to);
  const typeAt = msg.indexOf("Error Type: ", to);
  const errorType = typeAt < 0 ? "" : msg.slice(typeAt + 12).trim();
  const severity2 = lambdaStatusSeverity(status, errorType);
  if (why) why.reason = `lambda:status:${status}${errorType ? `:${errorType.split(/\s/)[0]}` : ""}`;
  return severity2;
}
function runtimeLevel(msg, why) {
  const d = msg.charCodeAt(0) - 48;
  if (!(d >= 0 && d <= 9)) return void 0;
  let tab1 = 1;
  const bound = Math.min(msg.length, 40);
  while (tab1 < bound && msg.charCodeAt(tab1) > 32) tab1++;
  if (msg.charCodeAt(tab1) !== 9) return void 0;
  const tab2 = msg.indexOf("	", tab1 + 1);
  if (tab2 < 0 || tab2 - tab1 > 64) return void 0;
  let tab3 = msg.indexOf("	", tab2 + 1);
  if (tab3 < 0) tab3 = msg.length;
  const level = lookupLevel(msg, tab2 + 1, tab3);
  if (level === void 0) return void 0;
  if (why) why.reason = `lambda-runtime:${msg.slice(tab2 + 1, tab3)}`;
  return level.severity;
}

// src/core/classify/rules.ts
function fieldText(json, rule) {
  let value = json[rule.field];
  if (value === void 0 && rule.path) {
    value = json;
    for (const part of rule.path) {
      if (value === null || typeof value !== "object") return void 0;
      value = value[part];
    }
  }
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return void 0;
}
function compileRules(rules) {
  if (rules.length === 0) return void 0;
  const compiled = rules.map((rule, index) => {
    if (!isSeverity(rule.severity)) {
      throw new ClassifierConfigError(
        `rules[${index}].severity: ${JSON.stringify(rule.severity)} is not a severity`
      );
    }
    let regex;
    try {
      regex = new RegExp(rule.pattern, (rule.flags ?? "").replace(/[gy]/g, ""));
    } catch (cause) {
      throw new ClassifierConfigError(`rules[${index}].pattern: ${cause.message}`, { cause });
    }
    const field = rule.field === void 0 || rule.field === "message" ? void 0 : rule.field;
    const path = field?.includes(".") ? field.split(".") : void 0;
    return { regex, severity: rule.severity, field, path };
  });
  return (message, json, why) => {
    for (let i = 0; i < compiled.length; i++) {
      const rule = compiled[i];
      let text = message;
      if (rule.field !== void 0) text = json ? fieldText(json, rule) : void 0;
      if (text !== void 0 && rule.regex.test(text)) {
        if (why) why.reason = `rule:${i}`;
        return rule.severity;
      }
    }
    return void 0;
  };
}

// src/core/classify/structured.ts
var LEVEL_KEYS = [
  "level",
  "severity",
  "lvl",
  "levelname",
  "loglevel",
  "log_level",
  "log.level",
  "@l",
  "severityText",
  "severity_text",
  "syslog.severity",
  "Level",
  "Severity",
  "LEVEL",
  "SEVERITY",
  "levelName",
  "logLevel",
  "LogLevel",
  "SeverityText",
  "@level"
];
var NESTED_KEYS = ["log", "syslog"];
var OTEL_NUMBER_KEYS = ["severityNumber", "severity_number", "SeverityNumber"];
var MESSAGE_KEYS = [
  "message",
  "msg",
  "Message",
  "@m",
  "log",
  "MESSAGE",
  "textPayload",
  "@mt",
  "text"
];
var STATUS_KEYS = ["status", "statusCode", "status_code", "httpStatus", "http_status"];
var METHOD_KEYS = ["httpMethod", "method", "http_method", "requestMethod", "routeKey", "request"];
var ERROR_KEYS = ["error", "err", "exception", "exc_info", "stack", "stack_trace", "stackTrace"];
var EMPTY_ERROR = /* @__PURE__ */ new Set(["", "none", "null", "nil", "false", "0", "ok"]);
function valueSeverity(value) {
  if (typeof value === "string") {
    let a2 = 0;
    let b = value.length;
    while (a2 < b && value.charCodeAt(a2) === 32) a2++;
    while (b > a2 && value.charCodeAt(b - 1) === 32) b--;
    const named = lookupLevel(value, a2, b);
    if (named) return named.severity;
    if (b - a2 > 0 && b - a2 <= 2) return numberSeverity(Number(value));
    return void 0;
  }
  if (typeof value === "number") return numberSeverity(value);
  return void 0;
}
function numberSeverity(n) {
  if (!Number.isInteger(n) || n < 0) return void 0;
  if (n <= 7) return syslogSeverity(n);
  if (n >= 10 && n <= 100) return pinoSeverity(n);
  return void 0;
}
function levelField(json, why) {
  for (const key of LEVEL_KEYS) {
    const value = json[key];
    if (value === void 0) continue;
    const severity2 = valueSeverity(value);
    if (severity2 !== void 0) {
      if (why) why.reason = `json:${key}`;
      return severity2;
    }
  }
  for (const key of NESTED_KEYS) {
    const inner = json[key];
    if (inner === null || typeof inner !== "object") continue;
    const nested = inner;
    const severity2 = valueSeverity(nested.level) ?? valueSeverity(nested.severity);
    if (severity2 !== void 0) {
      if (why) why.reason = `json:${key}.${valueSeverity(nested.level) !== void 0 ? "level" : "severity"}`;
      return severity2;
    }
  }
  for (const key of OTEL_NUMBER_KEYS) {
    const value = json[key];
    if (typeof value === "number" && value >= 1 && value <= 24) {
      if (why) why.reason = `json:${key}`;
      return otelSeverity(value);
    }
  }
  if (json["@t"] !== void 0 && (json["@mt"] !== void 0 || json["@m"] !== void 0)) {
    if (why) why.reason = "json:@l-default";
    return "INFO";
  }
  return void 0;
}
function platformRecord(json, why) {
  const type = json.type;
  if (typeof type !== "string" || !type.startsWith("platform.")) return void 0;
  const record2 = json.record;
  let status = "success";
  let errorType = "";
  if (record2 !== null && typeof record2 === "object") {
    const r = record2;
    if (typeof r.status === "string") status = r.status;
    if (typeof r.errorType === "string") errorType = r.errorType;
  }
  if (why) why.reason = `lambda:${type}${status === "success" ? "" : `:${status}`}`;
  return lambdaStatusSeverity(status, errorType);
}
function accessRecord(json, map, why) {
  let status;
  for (const key of STATUS_KEYS) {
    status = json[key];
    if (status !== void 0) break;
  }
  if (status === void 0) return void 0;
  const code = typeof status === "number" ? status : typeof status === "string" ? Number(status) : Number.NaN;
  if (!Number.isInteger(code)) return void 0;
  if (!METHOD_KEYS.some((key) => typeof json[key] === "string")) return void 0;
  const severity2 = statusSeverity(code, map);
  if (severity2 !== void 0 && why) why.reason = `http:${code}`;
  return severity2;
}
function errorField(json, why) {
  for (const key of ERROR_KEYS) {
    const value = json[key];
    if (value === void 0 || value === null || value === false) continue;
    if (typeof value === "string" && EMPTY_ERROR.has(value.trim().toLowerCase())) continue;
    if (typeof value === "object" && Object.keys(value).length === 0) continue;
    if (typeof value === "number") continue;
    if (why) why.reason = `json:${key}`;
    return "ERROR";
  }
  return void 0;
}
function jsonLevel(json, map, why) {
  return levelField(json, why) ?? platformRecord(json, why) ?? accessRecord(json, map, why) ?? errorField(json, why);
}
function jsonMessage(json) {
  for (const key of MESSAGE_KEYS) {
    const value = json[key];
    if (typeof value === "string") return value;
  }
  return void 0;
}
function parseJsonObject(message) {
  let a2 = 0;
  while (a2 < message.length && message.charCodeAt(a2) <= 32) a2++;
  if (message.charCodeAt(a2) !== 123) return void 0;
  let b = message.length;
  while (b > a2 && message.charCodeAt(b - 1) <= 32) b--;
  if (message.charCodeAt(b - 1) !== 125) return void 0;
  try {
    const value = JSON.parse(message);
    return value !== null && typeof value === "object" && !Array.isArray(value) ? value : void 0;
  } catch {
    return void 0;
  }
}

// src/core/classify/tokens.ts
var MAX_TOKENS = 12;
var MAX_PREFIX_CHARS = 240;
function isSpace(c2) {
  return c2 === 32 || c2 === 9 || c2 === 10 || c2 === 13;
}
var DIGIT = 1;
var UPPER = 2;
var LOWER = 4;
var OTHER = 8;
var QUOTE = 16 | OTHER;
var COLON = 32 | OTHER;
var EQ = 64 | OTHER;
var OPEN = 128 | OTHER;
var CHAR_CLASS = new Uint16Array(128).fill(OTHER);
for (let c2 = 48; c2 <= 57; c2++) CHAR_CLASS[c2] = DIGIT;
for (let c2 = 65; c2 <= 90; c2++) CHAR_CLASS[c2] = UPPER;
for (let c2 = 97; c2 <= 122; c2++) CHAR_CLASS[c2] = LOWER;
CHAR_CLASS[34] = QUOTE;
CHAR_CLASS[58] = COLON;
CHAR_CLASS[61] = EQ;
CHAR_CLASS[91] = OPEN;
CHAR_CLASS[60] = OPEN;
function isLetterLevelChar(c2) {
  return letterSeverity(c2) !== void 0;
}
var CALENDAR = new Set(
  ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"].concat(["mon", "tue", "wed", "thu", "fri", "sat", "sun"]).map((w) => code3(w, 0))
);
function code3(s, start) {
  return (s.charCodeAt(start) | 32) << 16 | (s.charCodeAt(start + 1) | 32) << 8 | (s.charCodeAt(start + 2) | 32);
}
var LEVEL_KEYS2 = /* @__PURE__ */ new Set(["level", "lvl", "severity", "loglevel", "log_level", "log.level"]);
var DOTNET_CODES = /* @__PURE__ */ new Set(["INFO", "WARN", "FAIL", "CRIT", "DBUG", "TRCE"]);
function keyValueLevel(msg, start, eq, end) {
  const keyLength = eq - start;
  if (keyLength < 3 || keyLength > 9 || !LEVEL_KEYS2.has(msg.slice(start, eq).toLowerCase())) return void 0;
  let a2 = eq + 1;
  let b = end;
  if (msg.charCodeAt(a2) === 34 || msg.charCodeAt(a2) === 39) a2++;
  while (b > a2) {
    const c2 = msg.charCodeAt(b - 1);
    if (c2 !== 34 && c2 !== 39 && c2 !== 44) break;
    b--;
  }
  return lookupLevel(msg, a2, b)?.severity;
}
function bracketLevel(msg, start, end) {
  let b = end;
  while (b > start + 2) {
    const c2 = msg.charCodeAt(b - 1);
    if (c2 !== 58 && c2 !== 44) break;
    b--;
  }
  const close = msg.charCodeAt(b - 1);
  const open = msg.charCodeAt(start);
  if (!(open === 91 && close === 93 || open === 60 && close === 62)) return void 0;
  let a2 = start + 1;
  for (let k = b - 2; k > a2; k--) {
    if (msg.charCodeAt(k) === 58) {
      a2 = k + 1;
      break;
    }
  }
  return lookupLevel(msg, a2, b - 1)?.severity;
}
function timeFollows(msg, end) {
  let j = end;
  while (j < msg.length && msg.charCodeAt(j) === 32) j++;
  const d0 = msg.charCodeAt(j) - 48;
  const d1 = msg.charCodeAt(j + 1) - 48;
  return d0 >= 0 && d0 <= 9 && d1 >= 0 && d1 <= 9 && msg.charCodeAt(j + 2) === 58;
}
var MAX_SHAPE_CHARS = 32;
function isDigit(c2) {
  return c2 >= 48 && c2 <= 57;
}
function isLetter(c2) {
  return (c2 | 32) >= 97 && (c2 | 32) <= 122;
}
function nextIndex(msg, char, from) {
  const at = msg.indexOf(char, from);
  return at < 0 ? msg.length : at;
}
function prefixLevel(msg, from, why) {
  const limit2 = Math.min(msg.length, from + MAX_PREFIX_CHARS);
  let nextSpace = -1;
  let nextTab = -1;
  let nextNewline = -1;
  let i = from;
  let wordy = 0;
  let allHaveDigits = true;
  let numericRun = 0;
  let depth = 0;
  for (let index = 0; index < MAX_TOKENS; index++) {
    while (i < limit2 && isSpace(msg.charCodeAt(i))) i++;
    if (i >= limit2) return void 0;
    const start = i;
    if (nextSpace < start) nextSpace = nextIndex(msg, " ", start);
    if (nextTab < start) nextTab = nextIndex(msg, "	", start);
    if (nextNewline < start) nextNewline = nextIndex(msg, "\n", start);
    let end = limit2;
    if (nextSpace < end) end = nextSpace;
    if (nextTab < end) end = nextTab;
    if (nextNewline < end) end = nextNewline;
    i = end;
    const length = end - start;
    const first = msg.charCodeAt(start);
    const last = msg.charCodeAt(end - 1);
    const opensHere = first === 91 || first === 60;
    const closesHere = last === 93 || last === 62;
    const second = length > 1 ? msg.charCodeAt(start + 1) : 0;
    if (isDigit(first) || isLetter(first) && isDigit(second) && !(index === 0 && length === 5)) {
      if (opensHere !== closesHere) depth += opensHere ? 1 : -1;
      if (depth < 0) depth = 0;
      numericRun = isDigit(first) && length <= 8 && allDigits(msg, start, end) ? numericRun + 1 : 0;
      continue;
    }
    const shapeEnd = length > MAX_SHAPE_CHARS ? start + MAX_SHAPE_CHARS : end;
    let flags = 0;
    let colon = -1;
    let eq = -1;
    let firstBracket = -1;
    for (let k = start; k < shapeEnd; k++) {
      const c2 = msg.charCodeAt(k);
      const f = c2 < 128 ? CHAR_CLASS[c2] : OTHER;
      flags |= f;
      if (f >= COLON) {
        if (f === COLON) {
          if (colon < 0) colon = k;
        } else if (f === EQ) {
          if (eq < 0) eq = k;
        } else if (f === OPEN && firstBracket < 0) firstBracket = k;
      }
    }
    let found;
    let kind = "token";
    let shown = end;
    if ((flags & (OTHER | DIGIT)) === 0) {
      const level = lookupLevel(msg, start, end);
      if (level?.bare) {
        const letters = letterCase(msg, start, end);
        if (letters === 1 || letters === 2 && index > 0 && allHaveDigits) found = level.severity;
      } else if (length === 1 && index >= 3 && numericRun >= 2 && allHaveDigits && flags === UPPER) {
        found = letterSeverity(first);
        kind = "logcat";
      }
    } else if (opensHere) {
      found = bracketLevel(msg, start, end);
    } else if (depth > 0 && closesHere) {
      const level = lookupLevel(msg, start, end - 1);
      if (level && letterCase(msg, start, end - 1) === 1) found = level.severity;
    } else if (colon > start && (firstBracket < 0 || colon < firstBracket)) {
      const level = lookupLevel(msg, start, colon);
      if (level) {
        const letters = letterCase(msg, start, colon);
        if (letters === 1 || index === 0 && colon === end - 1 && letters === 0 && DOTNET_CODES.has(level.name))
          found = level.severity;
        shown = colon + 1;
      }
    } else if (firstBracket > start && letterCase(msg, start, firstBracket) === 1) {
      const level = lookupLevel(msg, start, firstBracket);
      if (level) found = level.severity;
      shown = firstBracket;
    }
    if (found === void 0 && eq > start) {
      found = keyValueLevel(msg, start, eq, end);
      kind = "logfmt";
    }
    if (found === void 0 && second === 47 && length >= 3 && isLetterLevelChar(first)) {
      const paren = msg.indexOf("(", start);
      if ((index === 0 || allHaveDigits) && (paren >= 0 && paren < end || last === 58)) {
        found = letterSeverity(first);
        kind = "logcat";
      }
    }
    if (found === void 0 && index === 0 && length === 5 && allDigits(msg, start + 1, end)) {
      if ((first === 73 || first === 87 || first === 69 || first === 70) && timeFollows(msg, end)) {
        found = letterSeverity(first);
        kind = "klog";
      }
    }
    if (found !== void 0) {
      if (why) why.reason = `${kind}:${msg.slice(start, shown)}`;
      return found;
    }
    if ((flags & QUOTE) === QUOTE) return void 0;
    const headerLike = depth > 0 || (flags & LOWER) === 0 || flags !== (flags & (UPPER | LOWER)) || length === 3 && CALENDAR.has(code3(msg, start));
    if (!headerLike && (index === 0 || ++wordy > 1)) return void 0;
    if (opensHere !== closesHere) depth += opensHere ? 1 : -1;
    if (depth < 0) depth = 0;
    allHaveDigits = allHaveDigits && (flags & DIGIT) !== 0;
    numericRun = 0;
  }
  return void 0;
}
function allDigits(msg, start, end) {
  for (let k = start; k < end; k++) if (!isDigit(msg.charCodeAt(k))) return false;
  return end > start;
}
function syslogPriority(msg) {
  if (msg.charCodeAt(0) !== 60) return -1;
  let pri = 0;
  let j = 1;
  for (; j < 5 && j < msg.length; j++) {
    const d = msg.charCodeAt(j) - 48;
    if (d < 0 || d > 9) break;
    pri = pri * 10 + d;
  }
  if (j === 1 || msg.charCodeAt(j) !== 62 || pri > 191) return -1;
  return (j + 1) * 8 + (pri & 7);
}
function syslogLevel(msg, packed, why) {
  const severity2 = packed & 7;
  if (severity2 === 5 || severity2 === 6) {
    const inner = prefixLevel(msg, packed >> 3, why);
    if (inner !== void 0) return inner;
  }
  if (why) why.reason = `syslog:<${msg.slice(1, (packed >> 3) - 1)}>`;
  return syslogSeverity(severity2);
}

// src/core/classify/words.ts
var WORDS = new RegExp(
  [
    "(?:(kernel panic|panic(?:ked|king|s)?|fatal(?:ly)?|emergency|critical|out of memory|oom[- ]?kill(?:ed|er)?|",
    "oomkilled|segfault|segmentation fault|core dumped|outofmemory(?:error|exception)?)",
    "|(errors?|exceptions?|fail(?:s|ed|ure|ures)?|traceback|unhandled|refused|denied|timed out|crash(?:ed|es)?)",
    "|(warn(?:ing|ings)?|deprecated|deprecation|retrying)",
    "|(runtime(?: exited|\\.exiterror|\\.outofmemory))",
    "|(task timed out after))\\b"
  ].join(""),
  "gi"
);
var NEGATORS = ["no", "not", "non", "without", "zero", "0", "never", "nothing"];
var EMPTY_VALUES = ["none", "null", "nil", "false", "[]", "{}"];
function isAlnum(c2) {
  return c2 >= 48 && c2 <= 57 || (c2 | 32) >= 97 && (c2 | 32) <= 122;
}
function wordStart(msg, start) {
  if (start === 0) return true;
  const before = msg.charCodeAt(start - 1);
  if (!isAlnum(before) && before !== 95) return true;
  const first = msg.charCodeAt(start);
  return first >= 65 && first <= 90 && !(before >= 48 && before <= 57);
}
function spanIs(msg, start, end, word) {
  if (end - start !== word.length) return false;
  for (let k = 0; k < word.length; k++) {
    const c2 = msg.charCodeAt(start + k);
    if ((c2 >= 65 && c2 <= 90 ? c2 | 32 : c2) !== word.charCodeAt(k)) return false;
  }
  return true;
}
function negatedBefore(msg, start) {
  let j = start - 1;
  const sep = msg.charCodeAt(j);
  if (sep !== 32 && sep !== 45) return false;
  j--;
  while (j >= 0 && msg.charCodeAt(j) === 32) j--;
  const end = j + 1;
  while (j >= 0 && isAlnum(msg.charCodeAt(j))) j--;
  for (const word of NEGATORS) if (spanIs(msg, j + 1, end, word)) return true;
  return false;
}
function negatedAfter(msg, end) {
  let j = end;
  if (msg.charCodeAt(j) === 45) return msg.startsWith("free", j + 1);
  while (msg.charCodeAt(j) === 34 || msg.charCodeAt(j) === 39 || msg.charCodeAt(j) === 32) j++;
  const sep = msg.charCodeAt(j);
  if (sep !== 61 && sep !== 58) return false;
  j++;
  while (msg.charCodeAt(j) === 34 || msg.charCodeAt(j) === 39 || msg.charCodeAt(j) === 32) j++;
  if (msg.charCodeAt(j) === 48) {
    const next = msg.charCodeAt(j + 1);
    return !(next >= 48 && next <= 57) && next !== 46;
  }
  for (const empty of EMPTY_VALUES) {
    if (spanIs(msg, j, Math.min(msg.length, j + empty.length), empty)) return true;
  }
  return false;
}
function wordLevel(msg, why) {
  WORDS.lastIndex = 0;
  let best;
  let bestMatch;
  for (let m = WORDS.exec(msg); m !== null; m = WORDS.exec(msg)) {
    const severity2 = m[1] !== void 0 || m[4] !== void 0 ? "CRITICAL" : m[3] !== void 0 ? "WARNING" : "ERROR";
    if (best !== void 0 && SEVERITY_RANK[severity2] <= SEVERITY_RANK[best]) continue;
    const start = m.index;
    if (!wordStart(msg, start)) continue;
    if (negatedBefore(msg, start) || negatedAfter(msg, start + m[0].length)) continue;
    best = severity2;
    bestMatch = m;
    if (severity2 === "CRITICAL") break;
  }
  WORDS.lastIndex = 0;
  if (bestMatch !== void 0 && why) why.reason = wordReason(bestMatch);
  return best;
}
function wordReason(m) {
  if (m[5] !== void 0) return "lambda:timeout";
  if (m[4] !== void 0)
    return m[4].toLowerCase().endsWith("outofmemory") ? "lambda:out-of-memory" : "lambda:runtime-exit";
  return `word:${m[0].toLowerCase()}`;
}

// src/core/classify/index.ts
var LOGFMT_LEVEL = /(?:^|[\s,;{(])(?:level|lvl|severity|loglevel|log_level|log\.level)=["']?([A-Za-z]+)/i;
function logfmtLevel(msg, why) {
  if (msg.indexOf("=") < 0) return void 0;
  const m = LOGFMT_LEVEL.exec(msg);
  if (m === null) return void 0;
  const value = m[1];
  const level = lookupLevel(value, 0, value.length);
  if (level === void 0) return void 0;
  if (why) why.reason = `logfmt:${m[0].trim()}`;
  return level.severity;
}
function textLevel(msg, http, why) {
  const pri = syslogPriority(msg);
  return platformLevel(msg, why) ?? runtimeLevel(msg, why) ?? (pri >= 0 ? syslogLevel(msg, pri, why) : prefixLevel(msg, 0, why)) ?? logfmtLevel(msg, why) ?? accessLogLevel(msg, http, why) ?? wordLevel(msg, why);
}
function checkSeverity(value, where) {
  if (!isSeverity(value))
    throw new ClassifierConfigError(`${where}: ${JSON.stringify(value)} is not a severity`);
  return value;
}
function compile(options) {
  const rules = compileRules(options.rules ?? []);
  const http = {
    "5xx": checkSeverity(options.httpStatus?.["5xx"] ?? "ERROR", "httpStatus['5xx']"),
    "4xx": checkSeverity(options.httpStatus?.["4xx"] ?? "WARNING", "httpStatus['4xx']")
  };
  const fallback = checkSeverity(options.fallback ?? "INFO", "fallback");
  return (message, json, why) => {
    let object2 = json;
    if (object2 === void 0) {
      const c2 = message.charCodeAt(0);
      if (c2 === 123 || c2 <= 32) object2 = parseJsonObject(message);
    }
    if (rules) {
      const ruled = rules(message, object2, why);
      if (ruled !== void 0) return ruled;
    }
    let found;
    if (object2 === void 0) found = textLevel(message, http, why);
    else {
      found = jsonLevel(object2, http, why);
      if (found === void 0) {
        const text = jsonMessage(object2);
        found = text === void 0 ? wordLevel(message, why) : textLevel(text, http, why);
      }
    }
    if (found !== void 0) return found;
    if (why) why.reason = "fallback";
    return fallback;
  };
}
function createClassifier(options = {}) {
  const engine = compile(options);
  return (message, json) => engine(message, json, null);
}

// src/core/extract/correlation.ts
function correlationIdOf(fields) {
  return idOf(fields.request_id) ?? idOf(fields.trace_id) ?? idOf(fields.correlation_id) ?? idOf(fields.correlationId);
}
function idOf(v) {
  if (typeof v === "string") return v !== "" ? v : void 0;
  return typeof v === "number" ? String(v) : void 0;
}

// src/core/extract/errors.ts
var ExtractOptionsError = class extends Error {
  name = "ExtractOptionsError";
};

// src/core/extract/duration.ts
var UNIT_MS2 = {
  ns: 1e-6,
  nanosecond: 1e-6,
  nanoseconds: 1e-6,
  us: 1e-3,
  \u00B5s: 1e-3,
  \u03BCs: 1e-3,
  microsecond: 1e-3,
  microseconds: 1e-3,
  ms: 1,
  msec: 1,
  msecs: 1,
  millisecond: 1,
  milliseconds: 1,
  s: 1e3,
  sec: 1e3,
  secs: 1e3,
  second: 1e3,
  seconds: 1e3,
  m: 6e4,
  min: 6e4,
  mins: 6e4,
  minute: 6e4,
  minutes: 6e4,
  h: 36e5,
  hour: 36e5,
  hours: 36e5
};
var UNITS = "m(?:s|secs?|illiseconds?|icroseconds?|ins?|inutes?)?|s(?:ecs?|econds?)?|[u\xB5\u03BC]s|n(?:s|anoseconds?)|h(?:ours?)?";
var DURATION_TAIL = new RegExp(`\\d(\\.\\d+)? ?(${UNITS})(?![\\w/%])`, "g");
var DURATION_HINT = /\d ?[hmnsu\u00b5\u03bc]/;
var DURATION_ONLY = new RegExp(
  `^(?:(\\d{1,4})h(?=\\d))?(?:(\\d{1,4})m(?=\\d))?(\\d+(?:\\.\\d+)?) ?(${UNITS})$`
);
var GO_PREFIX = /(?:(\d{1,4})h)?(\d{1,4})m$|(\d{1,4})h$/;
function roundMs(ms) {
  return Math.round(ms * 1e6) / 1e6;
}
function toMs(m) {
  const value = Number(m[3]) * UNIT_MS2[m[4]];
  const hours = m[1] === void 0 ? 0 : Number(m[1]) * 36e5;
  const minutes = m[2] === void 0 ? 0 : Number(m[2]) * 6e4;
  return roundMs(hours + minutes + value);
}
function isDigit2(c2) {
  return c2 >= 48 && c2 <= 57;
}
function isDigitOrDot(c2) {
  return c2 >= 48 && c2 <= 57 || c2 === 46;
}
function isBoundary(c2) {
  return !(c2 >= 48 && c2 <= 57 || c2 >= 65 && c2 <= 90 || c2 >= 97 && c2 <= 122 || c2 === 95 || c2 === 46 || c2 === 58 || c2 === 45);
}
function findDuration(s) {
  const hint = s.search(DURATION_HINT);
  if (hint < 0) return void 0;
  let from = hint;
  while (from > 0 && isDigitOrDot(s.charCodeAt(from - 1))) from--;
  DURATION_TAIL.lastIndex = from;
  for (let m = DURATION_TAIL.exec(s); m !== null; m = DURATION_TAIL.exec(s)) {
    let numberStart = m.index;
    while (numberStart > 0 && isDigit2(s.charCodeAt(numberStart - 1))) numberStart--;
    const value = Number(s.slice(numberStart, m.index + 1) + (m[1] ?? "")) * UNIT_MS2[m[2]];
    let start = numberStart;
    let prefixMs = 0;
    const before = s.charCodeAt(start - 1);
    if (before === 104 || before === 109) {
      const g = GO_PREFIX.exec(s.slice(Math.max(0, start - 12), start));
      if (g !== null) {
        prefixMs = (Number(g[1] ?? g[3] ?? 0) * 60 + Number(g[2] ?? 0)) * 6e4;
        start -= g[0].length;
      }
    }
    if (start > 0 && !isBoundary(s.charCodeAt(start - 1))) continue;
    return roundMs(prefixMs + value);
  }
  return void 0;
}
function parseDurationText(s) {
  const m = DURATION_ONLY.exec(s.trim());
  return m === null ? void 0 : toMs(m);
}

// src/core/extract/alb.ts
var TYPES = /* @__PURE__ */ new Set(["http", "https", "h2", "grpcs", "ws", "wss"]);
function parseAlbLine(s, fields) {
  const firstSpace = s.indexOf(" ");
  if (firstSpace < 2 || firstSpace > 5 || !TYPES.has(s.slice(0, firstSpace))) return false;
  const c2 = s.charCodeAt(firstSpace + 1);
  if (c2 < 48 || c2 > 57) return false;
  const parts = [];
  let from = firstSpace + 1;
  for (let i = 0; i < 8; i++) {
    const next = s.indexOf(" ", from);
    if (next < 0) return false;
    parts.push(s.slice(from, next));
    from = next + 1;
  }
  const [, , , , request, target, response, status] = parts;
  const times = [Number(request), Number(target), Number(response)];
  if (times.every((t2) => Number.isFinite(t2) && t2 >= 0) && fields.duration_ms === void 0) {
    fields.duration_ms = roundMs((times[0] + times[1] + times[2]) * 1e3);
  }
  const code = Number(status);
  if (Number.isInteger(code) && code >= 100 && code <= 599 && fields["http.status"] === void 0) {
    fields["http.status"] = code;
  }
  return true;
}

// src/core/extract/valueLimit.ts
function cutValue(value, max) {
  if (value.length <= max) return value;
  let end = max - 1;
  const code = value.charCodeAt(end - 1);
  if (code >= 55296 && code <= 56319) end--;
  return `${value.slice(0, end)}\u2026`;
}

// src/core/extract/http.ts
var REQUEST_LINE = /(?<![A-Za-z])(GET|POST|PUT|DELETE|PATCH|HEAD|OPTIONS|CONNECT|TRACE) (\/[^\s"]*|https?:\/\/[^\s"]+|\*)(?: (HTTP\/\d(?:\.\d)?))?"?(?: ([1-5]\d\d)(?![\w.]))?/;
var STATUS2 = /(?<![A-Za-z])(?:status(?:[ _-]?code)?|http[ _-]?(?:status|code)|HTTP)["']?(?:[ \t]*[:=][ \t]*|[ \t]+)["']?([1-5]\d\d)(?![\w.])/i;
function setPathAndQuery(fields, target, maxValueLength) {
  let path = target;
  if (path.charCodeAt(0) !== 47) {
    const scheme = path.indexOf("://");
    if (scheme > 0) {
      const slash = path.indexOf("/", scheme + 3);
      path = slash < 0 ? "/" : path.slice(slash);
    }
  }
  const q = path.indexOf("?");
  if (q >= 0) {
    const query = path.slice(q + 1);
    path = path.slice(0, q);
    if (query !== "" && fields["http.query"] === void 0)
      fields["http.query"] = cutValue(query, maxValueLength);
  }
  if (fields["http.path"] === void 0) fields["http.path"] = cutValue(path, maxValueLength);
}
function scanRequestLine(s, fields, maxValueLength) {
  const m = REQUEST_LINE.exec(s);
  if (m === null) return;
  fields["http.method"] = m[1];
  setPathAndQuery(fields, m[2], maxValueLength);
  if (m[3] !== void 0 && fields["http.protocol"] === void 0) fields["http.protocol"] = m[3];
  if (m[4] !== void 0 && fields["http.status"] === void 0) fields["http.status"] = Number(m[4]);
}
function mayHoldStatus(s) {
  return s.indexOf("tatus") >= 0 || s.indexOf("TATUS") >= 0 || s.indexOf("HTTP ") >= 0 || s.indexOf("ttp_code") >= 0;
}
function scanStatus(s, fields) {
  if (!mayHoldStatus(s)) return;
  const m = STATUS2.exec(s);
  if (m !== null) fields["http.status"] = Number(m[1]);
}
function statusOf(v) {
  const n = typeof v === "number" ? v : typeof v === "string" && /^\d{3}$/.test(v) ? Number(v) : Number.NaN;
  return Number.isInteger(n) && n >= 100 && n <= 599 ? n : void 0;
}

// src/core/extract/ids.ts
var REQUEST_ID = /(?:request[_-]?id|req[_-]?id)["']?[ \t]*[:=][ \t]*["']?([A-Za-z0-9][\w-]{5,127})/i;
var XRAY_ROOT = /Root=(1-[0-9a-f]{8}-[0-9a-f]{24})(?![0-9a-f])/;
var TRACE_ID = /trace[_-]?id["']?[ \t]*[:=][ \t]*["']?([A-Za-z0-9][\w-]{7,127})/i;
var TRACEPARENT = /(?<![\w-])[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}(?![\w-])/;
function isHex(c2) {
  return c2 >= 48 && c2 <= 57 || c2 >= 97 && c2 <= 102 || c2 >= 65 && c2 <= 70;
}
function isUuidAt(s, i) {
  if (s.length < i + 36) return false;
  for (let k = 0; k < 36; k++) {
    const c2 = s.charCodeAt(i + k);
    if (k === 8 || k === 13 || k === 18 || k === 23) {
      if (c2 !== 45) return false;
    } else if (!isHex(c2)) return false;
  }
  return true;
}
function findRequestId(s) {
  if (s.indexOf("equest") < 0 && s.indexOf("EQUEST") < 0 && s.indexOf("eq_id") < 0 && s.indexOf("eqId") < 0) {
    return void 0;
  }
  return REQUEST_ID.exec(s)?.[1];
}
function findTraceId(s) {
  if (s.indexOf("Root=1-") >= 0) {
    const m = XRAY_ROOT.exec(s);
    if (m !== null) return m[1];
  }
  if (s.indexOf("race") >= 0 || s.indexOf("RACE") >= 0) {
    const m = TRACE_ID.exec(s);
    if (m !== null) return m[1];
  }
  return findTraceparent(s);
}
function hexRun(s, i, n) {
  for (let k = i; k < i + n; k++) if (!isLowerHex(s.charCodeAt(k))) return false;
  return true;
}
function isLowerHex(c2) {
  return c2 >= 48 && c2 <= 57 || c2 >= 97 && c2 <= 102;
}
function findTraceparent(s) {
  for (let d = s.indexOf("-", 2); d >= 0 && d + 53 <= s.length; d = s.indexOf("-", d + 1)) {
    const start = d - 2;
    if (s.charCodeAt(d + 33) === 45 && s.charCodeAt(d + 50) === 45 && hexRun(s, start, 2) && hexRun(s, d + 1, 32) && hexRun(s, d + 34, 16) && hexRun(s, d + 51, 2) && !(start > 0 && isIdChar(s.charCodeAt(start - 1))) && !isIdChar(s.charCodeAt(d + 53))) {
      return s.slice(d + 1, d + 33);
    }
  }
  return void 0;
}
function traceIdOfValue(v) {
  if (v.indexOf("Root=1-") >= 0) {
    const m = XRAY_ROOT.exec(v);
    if (m !== null) return m[1];
  }
  if (v.length === 55) {
    const m = TRACEPARENT.exec(v);
    if (m !== null) return m[1];
  }
  return v;
}
function isIdChar(c2) {
  return c2 >= 48 && c2 <= 57 || c2 >= 65 && c2 <= 90 || c2 >= 97 && c2 <= 122 || c2 === 95 || c2 === 45;
}
function findUuid(s) {
  for (let d = s.indexOf("-", 8); d >= 0 && d + 28 <= s.length; d = s.indexOf("-", d + 1)) {
    const start = d - 8;
    if (s.charCodeAt(d + 5) !== 45 || s.charCodeAt(d + 10) !== 45 || s.charCodeAt(d + 15) !== 45) continue;
    if (!isUuidAt(s, start)) continue;
    if (start > 0 && isIdChar(s.charCodeAt(start - 1)) || isIdChar(s.charCodeAt(start + 36))) continue;
    return s.slice(start, start + 36);
  }
  return void 0;
}

// src/core/extract/ip.ts
var OCTET = "(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";
var IPV4 = new RegExp(`${OCTET}(?:\\.${OCTET}){3}(?!\\w|\\.\\d)`, "g");
var IPV6_CANDIDATE = /(?<![\w:.])[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,8}(?:\.\d{1,3}\.\d{1,3}\.\d{1,3})?/g;
var IPV4_FULL = new RegExp(`^${OCTET}(?:\\.${OCTET}){3}$`);
var VERSION_WORD = /(?:^|[^\w])(?:version|ver)[\s:=]*$/i;
function isHexGroup(g) {
  if (g.length === 0 || g.length > 4) return false;
  for (let i = 0; i < g.length; i++) {
    const c2 = g.charCodeAt(i) | 32;
    if (!(c2 >= 48 && c2 <= 57 || c2 >= 97 && c2 <= 102)) return false;
  }
  return true;
}
function isIpv6(s) {
  if (s.length < 2 || s.length > 45) return false;
  let body = s;
  let tailGroups = 0;
  const dot = s.indexOf(".");
  if (dot >= 0) {
    const lastColon = s.lastIndexOf(":");
    if (lastColon < 0 || lastColon > dot || !IPV4_FULL.test(s.slice(lastColon + 1))) return false;
    body = s.slice(0, lastColon + 1);
    if (!body.endsWith("::")) body = body.slice(0, -1);
    tailGroups = 2;
  }
  const dc = body.indexOf("::");
  if (dc >= 0 && body.indexOf("::", dc + 1) >= 0) return false;
  let groups = 0;
  let digit = false;
  let twoHexOnly = true;
  const parts = dc >= 0 ? [body.slice(0, dc), body.slice(dc + 2)] : [body];
  for (const part of parts) {
    if (part === "") continue;
    for (const g of part.split(":")) {
      if (!isHexGroup(g)) return false;
      groups++;
      if (g.length !== 2) twoHexOnly = false;
      if (!digit && /\d/.test(g)) digit = true;
    }
  }
  groups += tailGroups;
  if (dc >= 0) {
    if (groups > 7) return false;
    return digit || tailGroups > 0;
  }
  return groups === 8 && !(twoHexOnly && tailGroups === 0);
}
function isUnspecified(text) {
  for (let i = 0; i < text.length; i++) {
    const c2 = text.charCodeAt(i);
    if (c2 !== 48 && c2 !== 46 && c2 !== 58) return false;
  }
  return true;
}
function afterVersionWord(s, start) {
  let k = start - 1;
  while (k >= 0 && (s.charCodeAt(k) === 32 || s.charCodeAt(k) === 58 || s.charCodeAt(k) === 61)) k--;
  const c2 = s.charCodeAt(k) | 32;
  if (c2 !== 110 && c2 !== 114) return false;
  return VERSION_WORD.test(s.slice(Math.max(0, start - 12), start));
}
function findIps(s, max, skipUnspecified = true) {
  const spans = [];
  const from = ipv4From(s);
  if (from >= 0) {
    IPV4.lastIndex = from;
    for (let m = IPV4.exec(s); m !== null && spans.length < max; m = IPV4.exec(s)) {
      if (m.index > 0 && isWordOrDot(s.charCodeAt(m.index - 1))) continue;
      if (skipUnspecified && m[0] === "0.0.0.0") continue;
      if (afterVersionWord(s, m.index)) continue;
      spans.push({ start: m.index, end: m.index + m[0].length, version: 4 });
    }
  }
  if (mayHoldIpv6(s)) {
    const v6 = [];
    IPV6_CANDIDATE.lastIndex = 0;
    for (let m = IPV6_CANDIDATE.exec(s); m !== null && v6.length < max; m = IPV6_CANDIDATE.exec(s)) {
      let text = m[0];
      if (text.length === 0) {
        IPV6_CANDIDATE.lastIndex++;
        continue;
      }
      if (text.endsWith(":") && !text.endsWith("::")) text = text.slice(0, -1);
      const end = m.index + text.length;
      const next = s.charCodeAt(end);
      if (next === 58 || isWordChar(next)) continue;
      if (!isIpv6(text)) continue;
      if (skipUnspecified && isUnspecified(text)) continue;
      v6.push({ start: m.index, end, version: 6 });
    }
    if (v6.length > 0) return mergeSpans(spans, v6, max);
  }
  return spans;
}
function ipv4From(s) {
  for (let i = s.indexOf("."); i >= 0; i = s.indexOf(".", i + 1)) {
    let a2 = i;
    while (a2 > 0 && isDigit3(s.charCodeAt(a2 - 1))) a2--;
    if (a2 === i || i - a2 > 3 || a2 > 0 && isWordOrDot(s.charCodeAt(a2 - 1))) continue;
    let at = i;
    let runs = 1;
    for (; runs < 4; runs++) {
      let b = at + 1;
      while (isDigit3(s.charCodeAt(b))) b++;
      if (b === at + 1 || b - at > 4) break;
      at = b;
      if (runs < 3 && s.charCodeAt(at) !== 46) break;
    }
    if (runs < 4) continue;
    const next = s.charCodeAt(at);
    if (isWordChar(next) || next === 46 && isDigit3(s.charCodeAt(at + 1))) continue;
    return a2;
  }
  return -1;
}
function isDigit3(c2) {
  return c2 >= 48 && c2 <= 57;
}
function isWordOrDot(c2) {
  return c2 === 46 || isWordChar(c2);
}
function isWordChar(c2) {
  return c2 >= 48 && c2 <= 57 || c2 >= 65 && c2 <= 90 || c2 >= 97 && c2 <= 122 || c2 === 95;
}
function mayHoldIpv6(s) {
  let colons = 0;
  for (let i = s.indexOf(":"); i >= 0; i = s.indexOf(":", i + 1)) {
    if (s.charCodeAt(i + 1) === 58) return true;
    if (++colons >= 7) return s.indexOf("::", i) >= 0 || hasHexColonChain(s);
  }
  return false;
}
function hasHexColonChain(s) {
  let chain = 0;
  let prev = -8;
  for (let i = s.indexOf(":"); i >= 0; i = s.indexOf(":", i + 1)) {
    chain = i - prev <= 5 && hexBetween(s, prev + 1, i) ? chain + 1 : 1;
    if (chain >= 6) return true;
    prev = i;
  }
  return false;
}
function hexBetween(s, start, end) {
  if (end <= start) return false;
  for (let k = start; k < end; k++) if (!isHex2(s.charCodeAt(k))) return false;
  return true;
}
function isHex2(c2) {
  return c2 >= 48 && c2 <= 57 || c2 >= 97 && c2 <= 102 || c2 >= 65 && c2 <= 70;
}
function mergeSpans(v4, v6, max) {
  const kept = v4.filter((a2) => !v6.some((b) => a2.start >= b.start && a2.end <= b.end));
  const all2 = kept.concat(v6).sort((a2, b) => a2.start - b.start);
  return all2.length > max ? all2.slice(0, max) : all2;
}

// src/core/extract/json.ts
function parseJsonMessage(message) {
  let start = 0;
  const n = message.length;
  while (start < n && isBlank(message.charCodeAt(start))) start++;
  if (message.charCodeAt(start) !== 123) return void 0;
  let end = n - 1;
  while (end > start && isBlank(message.charCodeAt(end))) end--;
  if (message.charCodeAt(end) !== 125) return void 0;
  let value;
  try {
    value = JSON.parse(message);
  } catch {
    return void 0;
  }
  return isPlainObject(value) ? value : void 0;
}
function isBlank(c2) {
  return c2 === 32 || c2 === 9 || c2 === 10 || c2 === 13;
}
function isPlainObject(v) {
  if (typeof v !== "object" || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}
function flattenJson(obj, fields, limits2) {
  return flatten(obj, "", 1, fields, limits2, 0);
}
function flatten(obj, prefix, depth, fields, limits2, written) {
  let count = written;
  for (const key in obj) {
    if (count >= limits2.maxFields) break;
    if (key === "__proto__" || !Object.hasOwn(obj, key)) continue;
    const value = obj[key];
    const name = prefix === "" ? key : `${prefix}.${key}`;
    switch (typeof value) {
      case "string":
        fields[name] = cutValue(value, limits2.maxValueLength);
        count++;
        break;
      case "number":
        if (Number.isFinite(value)) {
          fields[name] = value;
          count++;
        }
        break;
      case "boolean":
        fields[name] = value;
        count++;
        break;
      case "bigint":
        fields[name] = cutValue(value.toString(), limits2.maxValueLength);
        count++;
        break;
      case "object":
        if (value === null) break;
        if (Array.isArray(value) || depth >= limits2.maxDepth) {
          const text = jsonText(value, limits2.maxValueLength);
          if (text !== void 0) {
            fields[name] = text;
            count++;
          }
        } else {
          count = flatten(value, name, depth + 1, fields, limits2, count);
        }
        break;
      default:
        break;
    }
  }
  return count;
}
function jsonText(value, max) {
  try {
    const text = JSON.stringify(value);
    return text === void 0 ? void 0 : cutValue(text, max);
  } catch {
    return void 0;
  }
}

// src/core/extract/lambda.ts
var REPORT_PART = /(RequestId|(?:Billed |Init |Billed Restore |Restore )?Duration|Memory Size|Max Memory Used|Status|Error Type|XRAY TraceId): ([^\s]+)/g;
function parseReport(s, fields, maxValueLength) {
  if (!s.startsWith("REPORT RequestId: ")) return false;
  REPORT_PART.lastIndex = 0;
  for (let m = REPORT_PART.exec(s); m !== null; m = REPORT_PART.exec(s)) {
    const value = cutValue(m[2], maxValueLength);
    switch (m[1]) {
      case "RequestId":
        fields.request_id ??= value;
        break;
      case "Duration":
        setNumber(fields, "lambda.duration_ms", value);
        break;
      case "Billed Duration":
        setNumber(fields, "lambda.billed_ms", value);
        break;
      case "Init Duration":
        setNumber(fields, "lambda.init_ms", value);
        break;
      case "Restore Duration":
        setNumber(fields, "lambda.restore_ms", value);
        break;
      case "Billed Restore Duration":
        setNumber(fields, "lambda.billed_restore_ms", value);
        break;
      case "Memory Size":
        setNumber(fields, "lambda.memory_mb", value);
        break;
      case "Max Memory Used":
        setNumber(fields, "lambda.max_memory_mb", value);
        break;
      case "Status":
        fields["lambda.status"] = value;
        break;
      case "Error Type":
        fields["lambda.error_type"] = value;
        break;
      case "XRAY TraceId":
        fields.trace_id ??= value;
        break;
    }
  }
  const duration2 = fields["lambda.duration_ms"];
  if (typeof duration2 === "number") fields.duration_ms ??= duration2;
  if (fields["lambda.init_ms"] !== void 0) fields["lambda.cold_start"] = true;
  return true;
}
function setNumber(fields, key, value) {
  const n = Number(value);
  if (Number.isFinite(n)) fields[key] = roundMs(n);
}
function runtimePrefix(s) {
  const first = s.charCodeAt(0);
  if (first === 83 || first === 69) {
    const at2 = s.startsWith("START RequestId: ") ? 17 : s.startsWith("END RequestId: ") ? 15 : -1;
    if (at2 > 0 && isUuidAt(s, at2)) return { requestId: s.slice(at2, at2 + 36), bodyStart: s.length };
    return void 0;
  }
  let i = 0;
  const python = first === 91;
  if (python) {
    i = s.indexOf("	");
    if (i < 0 || i > 12) return void 0;
    i++;
  }
  const c2 = s.charCodeAt(i);
  if (c2 < 48 || c2 > 57) return void 0;
  let sep = i;
  const limit2 = Math.min(s.length, i + 40);
  while (sep < limit2 && s.charCodeAt(sep) !== 9 && s.charCodeAt(sep) !== 32) sep++;
  if (sep === limit2 || s.charCodeAt(sep - 1) !== 90) return void 0;
  const at = sep + 1;
  if (!isUuidAt(s, at)) return void 0;
  const after = at + 36;
  if (after < s.length && s.charCodeAt(after) !== 9 && s.charCodeAt(after) !== 32) return void 0;
  let bodyStart = Math.min(after + 1, s.length);
  if (!python && s.charCodeAt(after) === 9) {
    const levelEnd = s.indexOf("	", bodyStart);
    if (levelEnd > 0 && levelEnd - bodyStart <= 7) bodyStart = levelEnd + 1;
  }
  return { requestId: s.slice(at, after), bodyStart };
}

// src/core/extract/logfmt.ts
var NUMBER = /^-?(?:0|[1-9]\d{0,14})(?:\.\d+)?$/;
var keys = [];
var values = [];
function parseLogfmt(s, fields, limits2) {
  const first = s.indexOf("=");
  if (first < 0 || s.indexOf("=", first + 1) < 0) return 0;
  keys.length = 0;
  values.length = 0;
  let eq = first;
  while (eq >= 0 && keys.length < limits2.maxPairs) {
    let k = eq;
    while (k > 0 && isKeyChar(s.charCodeAt(k - 1))) k--;
    const valueStart = eq + 1;
    const valueEnd = valueEndAt(s, valueStart);
    const before = k === 0 ? 32 : s.charCodeAt(k - 1);
    if (k < eq && isKeyStart(s.charCodeAt(k)) && (before === 32 || before === 9 || before === 44)) {
      const key = s.slice(k, eq);
      if (key !== "__proto__") {
        keys.push(key);
        values.push(pairValue(s.slice(valueStart, valueEnd), limits2.maxValueLength));
      }
    }
    eq = s.indexOf("=", Math.max(valueEnd, valueStart));
  }
  if (keys.length < 2) return 0;
  let written = 0;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    if (Object.hasOwn(fields, key)) continue;
    fields[key] = values[i];
    written++;
  }
  return written;
}
function isKeyChar(c2) {
  return c2 >= 97 && c2 <= 122 || c2 >= 65 && c2 <= 90 || c2 >= 48 && c2 <= 57 || c2 === 95 || c2 === 46 || c2 === 45 || c2 === 47 || c2 === 64;
}
function isKeyStart(c2) {
  return c2 >= 97 && c2 <= 122 || c2 >= 65 && c2 <= 90 || c2 === 95 || c2 === 64;
}
function valueEndAt(s, i) {
  const n = s.length;
  if (s.charCodeAt(i) === 34) {
    for (let k2 = i + 1; k2 < n; k2++) {
      const c2 = s.charCodeAt(k2);
      if (c2 === 92) k2++;
      else if (c2 === 34) return k2 + 1;
    }
    return i;
  }
  let k = i;
  while (k < n) {
    const c2 = s.charCodeAt(k);
    if (c2 === 32 || c2 === 9 || c2 === 10 || c2 === 13 || c2 === 34) break;
    k++;
  }
  return k;
}
function pairValue(raw, max) {
  if (raw.charCodeAt(0) === 34) {
    const inner = raw.slice(1, -1);
    return cutValue(inner.indexOf("\\") >= 0 ? inner.replace(/\\(.)/g, "$1") : inner, max);
  }
  const v = raw.endsWith(",") ? raw.slice(0, -1) : raw;
  if (v.length > 0 && v.length <= 17 && NUMBER.test(v)) return Number(v);
  return cutValue(v, max);
}

// src/core/extract/structuredFields.ts
function aliases(target, names, msPerUnit) {
  return names.map((n) => [n, msPerUnit === void 0 ? { target } : { target, msPerUnit }]);
}
var ALIASES = new Map([
  ...aliases("method", [
    "method",
    "httpMethod",
    "http_method",
    "requestMethod",
    "request_method",
    "req.method",
    "request.method",
    "http.request.method",
    "httpRequest.requestMethod"
  ]),
  ...aliases("path", [
    "path",
    "url",
    "uri",
    "req.url",
    "req.originalUrl",
    "originalUrl",
    "request.url",
    "request_uri",
    "requestUri",
    "resourcePath",
    "url.path",
    "http.target",
    "http.url",
    "httpRequest.requestUrl"
  ]),
  ...aliases("status", [
    "status",
    "statusCode",
    "status_code",
    "res.statusCode",
    "response.statusCode",
    "response.status",
    "responseStatus",
    "http_status",
    "httpStatus",
    "http.status_code",
    "http.response.status_code",
    "httpRequest.status",
    "elb_status_code"
  ]),
  ...aliases("ip", [
    "client_ip",
    "clientIp",
    "clientIP",
    "remote_addr",
    "remoteAddr",
    "remoteAddress",
    "req.remoteAddress",
    "remote_ip",
    "remoteIp",
    "sourceIp",
    "source_ip",
    "sourceIP",
    "src_ip",
    "client.ip",
    "client.address",
    "source.ip",
    "identity.sourceIp",
    "requestContext.identity.sourceIp",
    "httpRequest.remoteIp",
    "fwd",
    "x_forwarded_for",
    "x-forwarded-for",
    "xForwardedFor"
  ]),
  ...aliases("protocol", ["protocol", "httpVersion", "http_version", "serverProtocol", "http.flavor"]),
  ...aliases(
    "duration",
    [
      "duration_ms",
      "durationMs",
      "latency_ms",
      "latencyMs",
      "elapsed_ms",
      "elapsedMs",
      "took_ms",
      "time_ms",
      "timeMs",
      "response_time_ms",
      "responseTimeMs",
      "request_duration_ms",
      // pino-http and Elasticsearch write milliseconds under these names.
      "responseTime",
      "took"
    ],
    1
  ),
  ...aliases(
    "duration",
    [
      "duration_s",
      "duration_sec",
      "duration_seconds",
      "latency_s",
      "latency_seconds",
      "elapsed_s",
      "elapsed_seconds",
      // nginx's $request_time and $upstream_response_time are seconds with millisecond resolution.
      "request_time",
      "response_time",
      "upstream_response_time"
    ],
    1e3
  ),
  ...aliases("duration", ["duration_us", "latency_us", "elapsed_us", "duration_micros"], 1e-3),
  ...aliases("duration", ["duration_ns", "latency_ns", "elapsed_ns"], 1e-6),
  // Unit required: a bare `duration=12` could be seconds or milliseconds. Heroku's router writes `service=18ms`.
  ...aliases("duration", ["duration", "latency", "elapsed", "request_duration", "service"], 0),
  ...aliases("request", [
    "request_id",
    "requestId",
    "requestID",
    "RequestId",
    "req_id",
    "reqId",
    "x_request_id",
    "x-request-id",
    "X-Request-Id",
    "awsRequestId",
    "aws_request_id",
    "function_request_id",
    "lambda_request_id",
    "requestContext.requestId"
  ]),
  ...aliases("trace", [
    "trace_id",
    "traceId",
    "traceID",
    "xray_trace_id",
    "xrayTraceId",
    "trace.id",
    "dd.trace_id",
    "traceparent",
    "x-amzn-trace-id",
    "X-Amzn-Trace-Id",
    "amzn_trace_id"
  ])
]);
var METHOD = /^[A-Za-z]{3,7}$/;
var PROTOCOL = /^(?:HTTP\/)?(\d(?:\.\d)?)$/i;
function deriveFromStructured(fields, maxValueLength) {
  let path;
  for (const key in fields) {
    const alias = ALIASES.get(key);
    if (alias === void 0) continue;
    const value = fields[key];
    if (value === void 0) continue;
    switch (alias.target) {
      case "method":
        if (fields["http.method"] === void 0 && typeof value === "string" && METHOD.test(value)) {
          fields["http.method"] = value.toUpperCase();
        }
        break;
      case "path":
        if (path === void 0 && typeof value === "string" && isPathLike(value)) path = value;
        break;
      case "status":
        if (fields["http.status"] === void 0) {
          const status = statusOf(value);
          if (status !== void 0) fields["http.status"] = status;
        }
        break;
      case "ip":
        if (fields.ip === void 0 && typeof value === "string") {
          const span2 = findIps(value, 1)[0];
          if (span2 !== void 0) fields.ip = cutValue(value.slice(span2.start, span2.end), maxValueLength);
        }
        break;
      case "protocol":
        if (fields["http.protocol"] === void 0 && typeof value === "string") {
          const m = PROTOCOL.exec(value);
          if (m !== null) fields["http.protocol"] = `HTTP/${m[1]}`;
        }
        break;
      case "duration":
        if (fields.duration_ms === void 0) {
          const ms = durationOf(value, alias.msPerUnit ?? 0);
          if (ms !== void 0) fields.duration_ms = ms;
        }
        break;
      case "request":
        if (fields.request_id === void 0 && (typeof value === "string" || typeof value === "number")) {
          const id2 = String(value);
          if (id2 !== "") fields.request_id = cutValue(id2, maxValueLength);
        }
        break;
      case "trace":
        if (fields.trace_id === void 0 && typeof value === "string" && value !== "") {
          fields.trace_id = cutValue(traceIdOfValue(value), maxValueLength);
        }
        break;
    }
  }
  if (path !== void 0 && fields["http.path"] === void 0 && (fields["http.method"] !== void 0 || fields["http.status"] !== void 0)) {
    setPathAndQuery(fields, path, maxValueLength);
  }
}
function isPathLike(v) {
  const c2 = v.charCodeAt(0);
  return c2 === 47 || v.startsWith("http://") || v.startsWith("https://");
}
function durationOf(value, msPerUnit) {
  if (typeof value === "number") {
    return msPerUnit > 0 && value >= 0 && Number.isFinite(value) ? roundMs(value * msPerUnit) : void 0;
  }
  if (typeof value !== "string") return void 0;
  const ms = parseDurationText(value);
  if (ms !== void 0) return ms;
  if (msPerUnit > 0 && /^\d+(?:\.\d+)?$/.test(value)) return roundMs(Number(value) * msPerUnit);
  return void 0;
}

// src/core/extract/extractor.ts
var MAX_IPS = 8;
var KEYWORDS = /status|http[ _]|req|trace|root=1-/i;
function limit(options, key, fallback, min) {
  const v = options[key];
  if (v === void 0) return fallback;
  if (!Number.isInteger(v) || v < min) {
    throw new ExtractOptionsError(`extract.${key} must be an integer >= ${min}, got ${String(v)}`);
  }
  return v;
}
function limits(options) {
  const json = {
    maxFields: limit(options, "maxJsonFields", 64, 1),
    maxDepth: limit(options, "maxJsonDepth", 4, 1),
    maxValueLength: limit(options, "maxValueLength", 1024, 2)
  };
  const logfmt = { maxPairs: limit(options, "maxLogfmtPairs", 32, 1), maxValueLength: json.maxValueLength };
  return { json, logfmt, maxValueLength: json.maxValueLength };
}
function createBatchExtractor(options = {}) {
  const l = limits(options);
  return (messages, parsed) => {
    const n = messages.length;
    const all2 = new Array(n);
    const open = [];
    for (let i = 0; i < n; i++) {
      const fields = {};
      all2[i] = fields;
      if (!structuredFields(messages[i], parsed[i], fields, l)) open.push(i);
    }
    const keywords = new Uint8Array(n);
    for (const i of open) keywords[i] = KEYWORDS.test(messages[i]) ? 1 : 0;
    const max = l.maxValueLength;
    for (const i of open) ipStep(messages[i], all2[i], false, max);
    for (const i of open) requestLineStep(messages[i], all2[i], false, max);
    for (const i of open) statusStep(messages[i], all2[i], keywords[i] === 1, max);
    for (const i of open) durationStep(messages[i], all2[i], false, max);
    for (const i of open) traceStep(messages[i], all2[i], keywords[i] === 1, max);
    for (const i of open) requestIdStep(messages[i], all2[i], keywords[i] === 1, max);
    return all2;
  };
}
function structuredFields(message, parsed, fields, l) {
  let structured = false;
  let body = parsed ?? parseJsonMessage(message);
  if (body !== void 0) {
    structured = flattenJson(body, fields, l.json) > 0;
  } else if (parseReport(message, fields, l.maxValueLength)) {
    return true;
  } else {
    const runtime = runtimePrefix(message);
    if (runtime !== void 0) {
      fields.request_id = cutValue(runtime.requestId, l.maxValueLength);
      if (message.charCodeAt(runtime.bodyStart) === 123)
        body = parseJsonMessage(message.slice(runtime.bodyStart));
      if (body !== void 0) structured = flattenJson(body, fields, l.json) > 0;
    }
    if (body === void 0 && message.indexOf("=") >= 0)
      structured = parseLogfmt(message, fields, l.logfmt) > 0;
    if (!structured) parseAlbLine(message, fields);
  }
  if (structured) deriveFromStructured(fields, l.maxValueLength);
  return false;
}
var ipStep = (s, fields, _keywords, maxValueLength) => {
  if (fields.ip !== void 0) return;
  const spans = findIps(s, MAX_IPS);
  if (spans.length === 0) return;
  const first = spans[0];
  fields.ip = cutValue(s.slice(first.start, first.end), maxValueLength);
  if (spans.length > 1 && fields.ips === void 0) {
    const distinct = [...new Set(spans.map((sp) => s.slice(sp.start, sp.end)))];
    if (distinct.length > 1) fields.ips = cutValue(distinct.join(","), maxValueLength);
  }
};
var requestLineStep = (s, fields, _keywords, maxValueLength) => {
  if (fields["http.method"] === void 0) scanRequestLine(s, fields, maxValueLength);
};
var statusStep = (s, fields, keywords) => {
  if (keywords && fields["http.status"] === void 0) scanStatus(s, fields);
};
var durationStep = (s, fields) => {
  if (fields.duration_ms !== void 0) return;
  const ms = findDuration(s);
  if (ms !== void 0) fields.duration_ms = ms;
};
var traceStep = (s, fields, keywords, maxValueLength) => {
  if (fields.trace_id !== void 0) return;
  const trace = keywords ? findTraceId(s) : findTraceparent(s);
  if (trace !== void 0) fields.trace_id = cutValue(trace, maxValueLength);
};
var requestIdStep = (s, fields, keywords, maxValueLength) => {
  if (fields.request_id !== void 0) return;
  const id2 = keywords ? findRequestId(s) : void 0;
  if (id2 !== void 0) fields.request_id = cutValue(id2, maxValueLength);
  else if (fields.uuid === void 0) {
    const uuid = findUuid(s);
    if (uuid !== void 0 && uuid !== fields.trace_id) fields.uuid = cutValue(uuid, maxValueLength);
  }
};

// src/core/lineHeader.ts
var MAX_TOKENS2 = 12;
var MAX_PREFIX_CHARS2 = 240;
var MAX_COMPONENT_CHARS = 80;
var LEVEL_WORDS = /* @__PURE__ */ new Set([
  "trace",
  "debug",
  "dbug",
  "fine",
  "finer",
  "finest",
  "verbose",
  "info",
  "notice",
  "warn",
  "warning",
  "error",
  "err",
  "fail",
  "severe",
  "fatal",
  "critical",
  "crit",
  "alert",
  "emerg",
  "panic"
]);
var LEVEL_LETTERS = /* @__PURE__ */ new Set([86, 68, 73, 87, 69, 70, 65]);
var CALENDAR2 = /* @__PURE__ */ new Set([
  "jan",
  "feb",
  "mar",
  "apr",
  "may",
  "jun",
  "jul",
  "aug",
  "sep",
  "oct",
  "nov",
  "dec",
  "mon",
  "tue",
  "wed",
  "thu",
  "fri",
  "sat",
  "sun"
]);
function isSpace2(c2) {
  return c2 === 32 || c2 === 9;
}
function isDigit4(c2) {
  return c2 >= 48 && c2 <= 57;
}
function skipSpaces(s, i) {
  while (i < s.length && isSpace2(s.charCodeAt(i))) i++;
  return i;
}
function tokenEnd(s, i, limit2) {
  while (i < limit2 && !isSpace2(s.charCodeAt(i))) i++;
  return i;
}
function isLevel(s, a2, b) {
  while (b > a2 && (s.charCodeAt(b - 1) === 58 || s.charCodeAt(b - 1) === 44)) b--;
  const n = b - a2;
  if (n === 1) return LEVEL_LETTERS.has(s.charCodeAt(a2));
  if (n < 3 || n > 8) return false;
  return LEVEL_WORDS.has(s.slice(a2, b).toLowerCase());
}
function isTimeLike(s, a2, b) {
  if (!isDigit4(s.charCodeAt(a2))) return false;
  for (let i = a2 + 1; i < b; i++) {
    const c2 = s.charCodeAt(i);
    if (!(isDigit4(c2) || c2 === 45 || c2 === 47 || c2 === 58 || c2 === 46 || c2 === 44 || c2 === 84 || c2 === 90 || c2 === 43 || c2 === 95))
      return false;
  }
  return true;
}
function isIdLike(s, a2, b) {
  let digit = false;
  let run = 0;
  for (let i = a2; i < b; i++) {
    const c2 = s.charCodeAt(i);
    if (isDigit4(c2)) {
      digit = true;
      run = 0;
    } else if (c2 >= 97 && c2 <= 122) {
      if (++run >= 4 && !(c2 <= 102 && isHexRun(s, i - run + 1, i + 1))) return false;
    } else if (c2 >= 65 && c2 <= 90 || c2 === 45 || c2 === 58 || c2 === 46 || c2 === 95) run = 0;
    else return false;
  }
  return digit && b - a2 >= 4;
}
function isHexRun(s, a2, b) {
  for (let i = a2; i < b; i++) {
    const c2 = s.charCodeAt(i);
    if (c2 < 97 || c2 > 102) return false;
  }
  return true;
}
function isUpperWord(s, a2, b) {
  if (b - a2 < 2 || b - a2 > 8) return false;
  for (let i = a2; i < b; i++) {
    const c2 = s.charCodeAt(i);
    if (c2 < 65 || c2 > 90) return false;
  }
  return true;
}
function isCalendar(s, a2, b) {
  if (b > a2 && s.charCodeAt(b - 1) === 44) b--;
  return b - a2 === 3 && CALENDAR2.has(s.slice(a2, b).toLowerCase());
}
function isComponent(s, a2, b) {
  const n = b - a2;
  if (n < 2 || n > MAX_COMPONENT_CHARS || s.charCodeAt(b - 1) !== 58) return false;
  const first = s.charCodeAt(a2);
  if (!((first | 32) >= 97 && (first | 32) <= 122)) return false;
  for (let i = a2 + 1; i < b - 1; i++) {
    const c2 = s.charCodeAt(i);
    if (c2 === 61 || c2 === 34 || c2 === 39 || c2 === 44 || c2 === 58 || c2 === 47) return false;
  }
  return true;
}
function bracketEnd(s, a2, limit2) {
  let depth = 0;
  for (let i = a2; i < limit2; i++) {
    const c2 = s.charCodeAt(i);
    if (c2 === 91) depth++;
    else if (c2 === 93 && --depth === 0) return i + 1;
  }
  return -1;
}
function contentStart(line) {
  const limit2 = Math.min(line.length, MAX_PREFIX_CHARS2);
  let i = skipSpaces(line, 0);
  let sawTime = false;
  let level = -1;
  let levelFirst = false;
  for (let tokens = 0; i < limit2 && tokens < MAX_TOKENS2; tokens++) {
    const c2 = line.charCodeAt(i);
    if (c2 === 91 || c2 === 60) {
      const end2 = c2 === 91 ? bracketEnd(line, i, limit2) : line.indexOf(">", i) + 1;
      if (end2 <= 0 || end2 > limit2) break;
      const lvl = isLevel(line, i + 1, end2 - 1);
      if (!lvl && !sawTime && tokens > 0) break;
      i = skipSpaces(line, end2 + (line.charCodeAt(end2) === 58 ? 1 : 0));
      sawTime = true;
      if (lvl) {
        level = i;
        levelFirst = tokens === 0;
        break;
      }
      continue;
    }
    const end = tokenEnd(line, i, limit2);
    if (isLevel(line, i, end) && (sawTime || tokens === 0 && isUpperWord(line, i, end))) {
      level = skipSpaces(line, end);
      levelFirst = tokens === 0;
      break;
    }
    if (isTimeLike(line, i, end) || c2 === 45 && end === i + 1 || isCalendar(line, i, end)) sawTime = true;
    else if (!(sawTime && isIdLike(line, i, end) || (sawTime || tokens === 0) && isUpperWord(line, i, end)))
      break;
    i = skipSpaces(line, end);
  }
  if (level >= 0) return orWhole(line, afterLevel(line, level, limit2, levelFirst));
  if (!sawTime) return 0;
  for (let k = 0, j = i; k < 2 && j < limit2; k++) {
    const end = tokenEnd(line, j, limit2);
    if (isComponent(line, j, end)) return orWhole(line, skipSpaces(line, end));
    j = skipSpaces(line, end);
  }
  return orWhole(line, i);
}
function afterLevel(line, i, limit2, levelFirst) {
  for (let tokens = 0; i < limit2 && tokens < 4; tokens++) {
    const c2 = line.charCodeAt(i);
    if (c2 === 91) {
      const end2 = bracketEnd(line, i, limit2);
      if (end2 < 0) return i;
      const next = skipSpaces(line, end2);
      if (line.charCodeAt(next) !== 45 || !isSpace2(line.charCodeAt(next + 1))) return i;
      return skipSpaces(line, next + 1);
    }
    const end = tokenEnd(line, i, limit2);
    if (c2 === 45 && end === i + 1) return skipSpaces(line, end);
    if (isComponent(line, i, end)) return skipSpaces(line, end);
    if (!levelFirst || !(isTimeLike(line, i, end) || isIdLike(line, i, end))) return i;
    i = skipSpaces(line, end);
  }
  return i;
}
function orWhole(line, at) {
  return at >= line.length ? 0 : at;
}

// src/core/metrics/WindowAggregator.ts
var SEVERITY_COUNTER = {
  CRITICAL: "sev.CRITICAL",
  ERROR: "sev.ERROR",
  WARNING: "sev.WARNING",
  INFO: "sev.INFO",
  DEBUG: "sev.DEBUG"
};
var HTTP_CLASS = ["http.1xx", "http.2xx", "http.3xx", "http.4xx", "http.5xx"];
var SEVERITY_INDEX = {
  CRITICAL: 0,
  ERROR: 1,
  WARNING: 2,
  INFO: 3,
  DEBUG: 4
};
var SEVERITY_NAMES = ["sev.CRITICAL", "sev.ERROR", "sev.WARNING", "sev.INFO", "sev.DEBUG"];
var WindowAggregator = class {
  /** @param windowMs window length in ms. The default value is 300000 (5 minutes). */
  constructor(windowMs = DEFAULT_WINDOW_MS) {
    this.windowMs = windowMs;
  }
  windowMs;
  windows = /* @__PURE__ */ new Map();
  lastGroup = "";
  lastStart = Number.NaN;
  lastEnd = Number.NaN;
  last;
  add(event) {
    const t2 = this.windowFor(event.group, event.timestamp);
    const w = t2.delta;
    t2.total++;
    const k = SEVERITY_INDEX[event.severity];
    if (typeof k !== "number") {
      const sev = SEVERITY_COUNTER[event.severity];
      addCounter(w, sev);
    } else {
      if ((t2.seen & 1 << k) === 0) {
        t2.seen |= 1 << k;
        w.counters[SEVERITY_NAMES[k]] ??= 0;
      }
      t2.severity[k] = t2.severity[k] + 1;
    }
    if (event.patternId !== void 0) addCounter(w, `pat.${event.patternId}`);
    const f = event.fields;
    const status = f["http.status"];
    if (typeof status === "number" && status >= 100 && status < 600) {
      addCounter(w, HTTP_CLASS[Math.floor(status / 100) - 1]);
    }
    const latency = f.duration_ms;
    if (typeof latency === "number" && latency >= 0 && Number.isFinite(latency)) {
      addCounter(w, "lat.count");
      addCounter(w, "lat.sum", latency);
      addCounter(w, `lat.b.${bucketOf(latency)}`);
      raiseMax(w, "lat.max", latency);
    }
    const lambdaDuration = f["lambda.duration_ms"];
    if (typeof lambdaDuration === "number") this.addLambdaReport(w, f, lambdaDuration);
  }
  addLambdaReport(w, f, duration2) {
    addCounter(w, "lambda.invocations");
    addCounter(w, "lambda.duration_sum", duration2);
    raiseMax(w, "lambda.duration_max", duration2);
    const billed = f["lambda.billed_ms"];
    if (typeof billed === "number") addCounter(w, "lambda.billed_sum", billed);
    const init = f["lambda.init_ms"];
    if (typeof init === "number") {
      addCounter(w, "lambda.init_count");
      addCounter(w, "lambda.init_sum", init);
    }
    const used = f["lambda.max_memory_mb"];
    if (typeof used === "number") raiseMax(w, "lambda.max_memory_mb", used);
    const size = f["lambda.memory_mb"];
    if (typeof size === "number") raiseMax(w, "lambda.memory_mb", size);
    const status = f["lambda.status"];
    if (status === "timeout") addCounter(w, "lambda.timeouts");
    else if (status === "error") addCounter(w, "lambda.errors");
  }
  windowFor(group, timestamp) {
    if (this.last && timestamp >= this.lastStart && timestamp < this.lastEnd && group === this.lastGroup)
      return this.last;
    const start = windowStart(timestamp, this.windowMs);
    if (this.last && start === this.lastStart && group === this.lastGroup) return this.last;
    const key = windowKey(group, start);
    let w = this.windows.get(key);
    if (!w) {
      const delta = emptyWindow(group, start, this.windowMs);
      delta.counters.total = 0;
      w = { delta, total: 0, severity: [0, 0, 0, 0, 0], seen: 0 };
      this.windows.set(key, w);
    }
    this.last = w;
    this.lastGroup = group;
    this.lastStart = start;
    this.lastEnd = start + this.windowMs;
    return w;
  }
  /** The deltas so far, ordered by window start. Events added later show in the next call's deltas. */
  deltas() {
    const out = [];
    for (const t2 of this.windows.values()) out.push(fold(t2));
    return out.sort((a2, b) => a2.start - b.start);
  }
};
function fold(t2) {
  const c2 = t2.delta.counters;
  if (t2.total > 0) c2.total = (c2.total ?? 0) + t2.total;
  t2.total = 0;
  for (let k = 0; k < 5; k++) {
    const n = t2.severity[k];
    if (n > 0) {
      const name = SEVERITY_NAMES[k];
      c2[name] = (c2[name] ?? 0) + n;
      t2.severity[k] = 0;
    }
  }
  return t2.delta;
}

// src/core/patterns/errors.ts
var PatternSnapshotError = class extends Error {
  name = "PatternSnapshotError";
  constructor(message) {
    super(`invalid pattern snapshot: ${message}`);
  }
};
var PatternOptionsError = class extends Error {
  name = "PatternOptionsError";
};

// src/core/patterns/ids.ts
import { createHash as createHash2 } from "node:crypto";
var ID_SCHEME = "logsift-pattern-v1";
function patternIdFor(seedTokens) {
  return createHash2("sha1").update(`${ID_SCHEME}\0${seedTokens.length}\0${seedTokens.join("")}`).digest("hex").slice(0, 16);
}

// src/core/patterns/masking.ts
var WILDCARD = "<*>";
var BUILTIN_MASKERS = [
  "url",
  "email",
  "uuid",
  "timestamp",
  "ipv6",
  "ipv4",
  "path",
  "hex",
  "number",
  "digitToken"
];
var HEX = "[0-9a-fA-F]";
var AT = 1;
var COLON2 = 2;
var SLASH = 4;
var BACKSLASH = 8;
var DASH = 16;
var NAME = 32;
var DIGIT2 = 64;
var OTHER2 = 128;
var SHAPE_MASK = AT | COLON2 | SLASH | BACKSLASH | DASH | NAME;
var all = (need) => (flags) => (flags & need) === need;
var any = (need) => (flags) => (flags & need) !== 0;
var ALTERNATIVES = [
  { masker: "url", source: String.raw`[a-zA-Z][a-zA-Z0-9+.-]*://[^\s"'<>]+`, possible: all(COLON2 | SLASH) },
  { masker: "email", source: String.raw`[\w.+-]+@[\w-]+(?:\.[\w-]+)+`, possible: all(AT) },
  { masker: "uuid", source: `${HEX}{8}-${HEX}{4}-${HEX}{4}-${HEX}{4}-${HEX}{12}`, possible: all(DASH) },
  {
    masker: "timestamp",
    source: String.raw`\d{4}-\d{2}-\d{2}(?:[T_]\d{2}:\d{2}(?::\d{2})?(?:[.,]\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?`,
    possible: all(DASH)
  },
  { masker: "timestamp", source: String.raw`\d{4}/\d{1,2}/\d{1,2}`, possible: all(SLASH) },
  {
    masker: "timestamp",
    source: String.raw`(?<![\w:])\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d+)?(?![\w:])`,
    possible: all(COLON2)
  },
  {
    // Day and month abbreviations as whole tokens (`Fri Jul 01 08:16:53 2005`), case-sensitive.
    masker: "timestamp",
    source: "^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun|Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec),?$",
    possible: all(NAME)
  },
  {
    // Needs 3+ colons or a `::` and a digit, so `12:30:00` and `std::string` stay out.
    masker: "ipv6",
    source: String.raw`(?<![\w:.])(?=[0-9a-fA-F:]*\d)(?=(?:${HEX}{0,4}:){3}|[0-9a-fA-F:]*::)(?:${HEX}{0,4}:){2,7}${HEX}{0,4}(?:%\w+)?(?![\w:])`,
    possible: all(COLON2)
  },
  {
    masker: "ipv4",
    source: String.raw`(?<![\w.])\d{1,3}(?:\.\d{1,3}){3}(?::\d{1,5})?(?!\w|\.\d)`,
    possible: () => true
  },
  { masker: "path", source: String.raw`(?<![\w/.])(?:/[\w.@%+~:,=$-]*){2,}`, possible: all(SLASH) },
  { masker: "path", source: String.raw`\b[A-Za-z]:\\[^\s"'<>]*`, possible: all(BACKSLASH | COLON2) },
  { masker: "hex", source: String.raw`(?<!\w)0[xX]${HEX}+(?!\w)`, possible: () => true },
  {
    masker: "hex",
    source: String.raw`(?<!\w)(?:${HEX}{2}[:-]){3,}${HEX}{2}(?!\w)`,
    possible: any(COLON2 | DASH)
  },
  {
    masker: "hex",
    source: String.raw`(?<!\w)(?=${HEX}*\d)(?=${HEX}*[a-fA-F])${HEX}{6,}(?!\w)`,
    possible: () => true
  },
  { masker: "number", source: String.raw`(?<![\w.-])-?\d+(?:\.\d+)*(?!\w|\.\d)`, possible: () => true }
];
var DIGIT_WORD = /[\w-]*\d[\w-]*(?:\.[\w-]*)*/g;
function compileMasking(enabled = BUILTIN_MASKERS, extra = []) {
  for (const name of enabled) {
    if (!BUILTIN_MASKERS.includes(name)) {
      throw new PatternOptionsError(`unknown masker "${name}"; built-ins are ${BUILTIN_MASKERS.join(", ")}`);
    }
  }
  const compiledExtra = extra.map((m) => {
    try {
      const re = m.pattern instanceof RegExp ? new RegExp(
        m.pattern.source,
        m.pattern.flags.includes("g") ? m.pattern.flags : `${m.pattern.flags}g`
      ) : new RegExp(m.pattern, (m.flags ?? "").includes("g") ? m.flags : `${m.flags ?? ""}g`);
      if (re.test("")) throw new Error("it matches the empty string");
      re.lastIndex = 0;
      return { re, replacement: m.replacement ?? WILDCARD };
    } catch (err) {
      throw new PatternOptionsError(`extra masker "${m.name}": ${err.message}`);
    }
  });
  return {
    enabled: [...enabled],
    extra: compiledExtra,
    alternatives: ALTERNATIVES.filter((a2) => enabled.includes(a2.masker)),
    byShape: /* @__PURE__ */ new Map(),
    digitsOnly: enabled.includes("number") || enabled.includes("digitToken"),
    digitToken: enabled.includes("digitToken")
  };
}
function classify(token) {
  let flags = 0;
  for (let i = 0; i < token.length; i++) {
    const c2 = token.charCodeAt(i);
    if (c2 >= 48 && c2 <= 57) flags |= DIGIT2;
    else {
      flags |= OTHER2;
      if (c2 === 58) flags |= COLON2;
      else if (c2 === 47) flags |= SLASH;
      else if (c2 === 45) flags |= DASH;
      else if (c2 === 64) flags |= AT;
      else if (c2 === 92) flags |= BACKSLASH;
    }
  }
  const first = token.charCodeAt(0);
  if ((token.length === 3 || token.length === 4) && first >= 65 && first <= 90) flags |= NAME;
  return flags;
}
function regexFor(masking, shape) {
  if (masking.byShape.has(shape)) return masking.byShape.get(shape);
  const sources = masking.alternatives.filter((a2) => a2.possible(shape)).map((a2) => `(?:${a2.source})`);
  const re = sources.length > 0 ? new RegExp(sources.join("|"), "g") : void 0;
  masking.byShape.set(shape, re);
  return re;
}
function hasDigit(token) {
  for (let i = 0; i < token.length; i++) {
    const c2 = token.charCodeAt(i);
    if (c2 >= 48 && c2 <= 57) return true;
  }
  return false;
}
function maskToken(token, masking) {
  const flags = classify(token);
  if (flags === DIGIT2) return masking.digitsOnly ? WILDCARD : token;
  if ((flags & DIGIT2) === 0 && (flags & (AT | SLASH | BACKSLASH | NAME)) === 0) return token;
  const re = regexFor(masking, flags & SHAPE_MASK);
  let out = re ? token.replace(re, WILDCARD) : token;
  if (masking.digitToken && hasDigit(out)) out = out.replace(DIGIT_WORD, WILDCARD);
  return out;
}
function maskLine(line, masking) {
  let out = line;
  for (const { re, replacement } of masking.extra) out = out.replace(re, replacement);
  return out;
}

// src/core/patterns/snapshot.ts
var SNAPSHOT_FORMAT = "logsift.patterns";
var SNAPSHOT_VERSION = 1;
function isRecord(v) {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
function fail(path, expected, got) {
  const shown = got === void 0 ? "nothing" : JSON.stringify(got)?.slice(0, 60);
  throw new PatternSnapshotError(`${path}: expected ${expected}, got ${shown}`);
}
function num(obj, key, path, min = Number.NEGATIVE_INFINITY) {
  const v = obj[key];
  if (typeof v !== "number" || !Number.isFinite(v) || v < min)
    fail(`${path}.${key}`, `a finite number >= ${min}`, v);
  return v;
}
function int(obj, key, path, min) {
  const v = num(obj, key, path, min);
  if (!Number.isInteger(v)) fail(`${path}.${key}`, "an integer", v);
  return v;
}
function str(obj, key, path) {
  const v = obj[key];
  if (typeof v !== "string") fail(`${path}.${key}`, "a string", v);
  return v;
}
function strings(obj, key, path) {
  const v = obj[key];
  if (!Array.isArray(v) || !v.every((x) => typeof x === "string"))
    fail(`${path}.${key}`, "an array of strings", v);
  return v;
}
function parseSnapshot(input) {
  if (!isRecord(input)) fail("snapshot", "an object", input);
  if (input.format !== SNAPSHOT_FORMAT) fail("snapshot.format", `"${SNAPSHOT_FORMAT}"`, input.format);
  if (input.version !== SNAPSHOT_VERSION) fail("snapshot.version", String(SNAPSHOT_VERSION), input.version);
  const s = input.settings;
  if (!isRecord(s)) fail("snapshot.settings", "an object", s);
  const similarity2 = num(s, "similarity", "snapshot.settings", 0);
  if (similarity2 > 1) fail("snapshot.settings.similarity", "a number in [0, 1]", similarity2);
  const maskers = strings(s, "maskers", "snapshot.settings");
  for (const m of maskers) {
    if (!BUILTIN_MASKERS.includes(m))
      fail("snapshot.settings.maskers", "built-in names", m);
  }
  const extra = s.extraMaskers;
  if (!Array.isArray(extra)) fail("snapshot.settings.extraMaskers", "an array", extra);
  const extraMaskers = extra.map((m, i) => {
    const p = `snapshot.settings.extraMaskers[${i}]`;
    if (!isRecord(m)) fail(p, "an object", m);
    return {
      name: str(m, "name", p),
      pattern: str(m, "pattern", p),
      flags: str(m, "flags", p),
      replacement: str(m, "replacement", p)
    };
  });
  const settings = {
    similarity: similarity2,
    maxPatterns: int(s, "maxPatterns", "snapshot.settings", 1),
    maxTokens: int(s, "maxTokens", "snapshot.settings", 1),
    maskers,
    extraMaskers
  };
  const nextSeq = int(input, "nextSeq", "snapshot", 0);
  if (!Array.isArray(input.patterns)) fail("snapshot.patterns", "an array", input.patterns);
  const seenIds = /* @__PURE__ */ new Set();
  const patterns = input.patterns.map((p, i) => {
    const path = `snapshot.patterns[${i}]`;
    if (!isRecord(p)) fail(path, "an object", p);
    const id2 = str(p, "id", path);
    if (!/^[0-9a-f]{16}$/.test(id2)) fail(`${path}.id`, "16 lowercase hex characters", id2);
    const aliases2 = strings(p, "aliases", path);
    for (const known of [id2, ...aliases2]) {
      if (seenIds.has(known)) fail(`${path}`, "ids and aliases unique across patterns", known);
      seenIds.add(known);
    }
    const tokens = strings(p, "tokens", path);
    if (tokens.length === 0 || tokens.length > settings.maxTokens) {
      fail(`${path}.tokens`, `1 to ${settings.maxTokens} tokens`, tokens.length);
    }
    const partial = p.partial;
    if (!Array.isArray(partial) || !partial.every(
      (x, k) => Number.isInteger(x) && x >= 0 && x < tokens.length && (k === 0 || x > partial[k - 1])
    )) {
      fail(`${path}.partial`, "ascending token positions", partial);
    }
    const seq = int(p, "seq", path, 0);
    if (seq >= nextSeq) fail(`${path}.seq`, `a number below nextSeq (${nextSeq})`, seq);
    return {
      id: id2,
      seq,
      tokens,
      partial,
      count: int(p, "count", path, 1),
      firstSeen: num(p, "firstSeen", path),
      lastSeen: num(p, "lastSeen", path),
      example: str(p, "example", path),
      aliases: aliases2
    };
  });
  return { format: SNAPSHOT_FORMAT, version: SNAPSHOT_VERSION, settings, nextSeq, patterns };
}

// src/core/patterns/tokenize.ts
var UNITS2 = /* @__PURE__ */ new Set([
  "B",
  "KB",
  "MB",
  "GB",
  "TB",
  "KiB",
  "MiB",
  "GiB",
  "TiB",
  "ns",
  "us",
  "\xB5s",
  "ms",
  "s",
  "sec",
  "secs"
]);
var TRAILING = ",;:.)]}";
var MAX_QUOTED = 120;
function isSpace3(c2) {
  return c2 === 32 || c2 >= 9 && c2 <= 13;
}
function tokenize(line, masking, maxTokens) {
  const text = masking.extra.length > 0 ? maskLine(line, masking) : line;
  const tokens = [];
  let start = -1;
  let quotes = 0;
  const n = text.length;
  for (let i = 0; i <= n; i++) {
    const c2 = i === n ? 32 : text.charCodeAt(i);
    if (!isSpace3(c2)) {
      if (start < 0) start = i;
      if (c2 === 34) quotes++;
      continue;
    }
    if (start < 0) continue;
    if ((quotes & 1) === 1 && i < n) {
      const close = text.indexOf('"', i);
      if (close > 0 && close - i <= MAX_QUOTED) continue;
    }
    quotes = 0;
    const token = maskToken(text.slice(start, i), masking);
    start = -1;
    if (tokens.length > 0 && tokens[tokens.length - 1] === WILDCARD) {
      if (token === WILDCARD) continue;
      if (masking.digitToken) {
        let end = token.length;
        while (end > 1 && TRAILING.includes(token[end - 1])) end--;
        if (UNITS2.has(end === token.length ? token : token.slice(0, end))) {
          if (end < token.length) tokens[tokens.length - 1] = WILDCARD + token.slice(end);
          continue;
        }
      }
    }
    tokens.push(token);
    if (tokens.length >= maxTokens) break;
  }
  return tokens;
}

// src/core/patterns/PatternMiner.ts
var WILD = WILDCARD;
var EXAMPLE_MAX_CHARS = 500;
var MAX_ALIASES_PER_PATTERN = 64;
var CACHE_MAX = 2e4;
var SIBLINGS_TO_MERGE = 3;
function settingsFrom(options, base) {
  const similarity2 = options.similarity ?? base?.similarity ?? 0.5;
  const maxPatterns = options.maxPatterns ?? base?.maxPatterns ?? 1e3;
  const maxTokens = options.maxTokens ?? base?.maxTokens ?? 128;
  if (!(similarity2 >= 0 && similarity2 <= 1))
    throw new PatternOptionsError(`similarity must be in [0, 1], got ${similarity2}`);
  if (!(Number.isInteger(maxPatterns) && maxPatterns >= 1)) {
    throw new PatternOptionsError(`maxPatterns must be an integer >= 1, got ${maxPatterns}`);
  }
  if (!(Number.isInteger(maxTokens) && maxTokens >= 1)) {
    throw new PatternOptionsError(`maxTokens must be an integer >= 1, got ${maxTokens}`);
  }
  const extraMaskers = options.extraMaskers?.map((m) => ({
    name: m.name,
    pattern: typeof m.pattern === "string" ? m.pattern : m.pattern.source,
    flags: typeof m.pattern === "string" ? m.flags ?? "" : m.pattern.flags,
    replacement: m.replacement ?? WILD
  })) ?? base?.extraMaskers ?? [];
  return {
    similarity: similarity2,
    maxPatterns,
    maxTokens,
    maskers: [...options.maskers ?? base?.maskers ?? BUILTIN_MASKERS],
    extraMaskers
  };
}
var VALUE_WORDS = /* @__PURE__ */ new Set([
  "true",
  "false",
  "True",
  "False",
  "TRUE",
  "FALSE",
  "null",
  "NULL",
  "nil",
  "None",
  "undefined"
]);
function isWordLike(token) {
  if (token.length === 0 || VALUE_WORDS.has(token)) return false;
  for (let i = 0; i < token.length; i++) {
    const c2 = token.charCodeAt(i) | 32;
    if (!(c2 >= 97 && c2 <= 122)) {
      if (i === token.length - 1 && i > 0) {
        const p = token.charCodeAt(i);
        return p === 58 || p === 44 || p === 46 || p === 59 || p === 33 || p === 63;
      }
      return false;
    }
  }
  return true;
}
var PatternMiner = class _PatternMiner {
  #settings;
  #masking;
  #buckets = /* @__PURE__ */ new Map();
  /** Live patterns by id, least recently seen first (Map order is the LRU order). */
  #live = /* @__PURE__ */ new Map();
  #aliases = /* @__PURE__ */ new Map();
  #cache = /* @__PURE__ */ new Map();
  #nextSeq = 0;
  #mostRecent;
  constructor(options = {}) {
    this.#settings = settingsFrom(options);
    this.#masking = compileMasking(
      this.#settings.maskers,
      this.#settings.extraMaskers.map((m) => ({ ...m }))
    );
  }
  /** Number of live patterns. */
  get size() {
    return this.#live.size;
  }
  /**
   * Adds one line (already redacted) at event time `timestamp` (epoch ms, default now) and
   * returns its pattern.
   *
   * @example miner.add('user 42 logged in', Date.parse('2024-05-01T00:00:00Z'))
   */
  add(message, timestamp = Date.now()) {
    const tokens = this.#tokens(message);
    const bucket = this.#bucket(tokens.length);
    const key = tokens.join("");
    const cached = this.#cache.get(key);
    let cluster;
    let isNew = false;
    let created = false;
    if (cached !== void 0 && cached.version === bucket.version) {
      cluster = cached.cluster;
    } else {
      const version = bucket.version;
      cluster = this.#bestMatch(bucket, tokens);
      if (cluster === void 0) {
        const seq = this.#nextSeq;
        cluster = this.#create(bucket, tokens, message, timestamp);
        created = true;
        isNew = cluster.seq === seq;
      } else {
        cluster = this.#absorb(cluster, tokens);
      }
      if (bucket.version === version) {
        if (this.#cache.size >= CACHE_MAX) this.#cache.clear();
        this.#cache.set(key, { cluster, version });
      }
    }
    if (!created) {
      cluster.count++;
      if (timestamp < cluster.firstSeen) cluster.firstSeen = timestamp;
      if (timestamp > cluster.lastSeen) cluster.lastSeen = timestamp;
    }
    this.#touch(cluster);
    return { patternId: cluster.id, template: cluster.template, isNew };
  }
  /**
   * Read-only lookup without learning: the pattern the line would join now, if any.
   *
   * @example miner.match('user 7 logged in')?.template // 'user <*> logged in'
   */
  match(message) {
    const tokens = this.#tokens(message);
    const bucket = this.#buckets.get(tokens.length);
    if (bucket === void 0) return void 0;
    const cluster = this.#bestMatch(bucket, tokens);
    return cluster && { patternId: cluster.id, template: cluster.template, isNew: false };
  }
  /**
   * The live id for `id`: itself when live, the survivor when it was merged away, undefined when
   * unknown or evicted.
   */
  resolve(id2) {
    if (this.#live.has(id2)) return id2;
    return this.#aliases.get(id2);
  }
  /** Live patterns, most frequent first. */
  patterns() {
    return [...this.#live.values()].map((c2) => ({
      id: c2.id,
      template: c2.template,
      count: c2.count,
      firstSeen: c2.firstSeen,
      lastSeen: c2.lastSeen,
      example: c2.example,
      aliases: [...c2.aliases]
    })).sort((a2, b) => b.count - a2.count || (a2.id < b.id ? -1 : 1));
  }
  /** Plain JSON-serializable, versioned state. */
  snapshot() {
    return {
      format: SNAPSHOT_FORMAT,
      version: SNAPSHOT_VERSION,
      settings: {
        ...this.#settings,
        maskers: [...this.#settings.maskers],
        extraMaskers: this.#settings.extraMaskers.map((m) => ({ ...m }))
      },
      nextSeq: this.#nextSeq,
      patterns: [...this.#live.values()].map(
        (c2) => ({
          id: c2.id,
          seq: c2.seq,
          tokens: [...c2.tokens],
          partial: [...c2.partial],
          count: c2.count,
          firstSeen: c2.firstSeen,
          lastSeen: c2.lastSeen,
          example: c2.example,
          aliases: [...c2.aliases]
        })
      )
    };
  }
  /**
   * Rebuilds a miner from `snapshot()` output (for example after JSON.parse). Options given here
   * override the snapshot's settings (a restored miner continues exactly only with the same
   * settings). Throws PatternSnapshotError on malformed input.
   */
  static restore(snapshot, options = {}) {
    const snap = parseSnapshot(snapshot);
    const settings = settingsFrom(options, snap.settings);
    const miner = new _PatternMiner(settings);
    miner.#nextSeq = snap.nextSeq;
    for (const p of snap.patterns) {
      const bucket = miner.#bucket(p.tokens.length);
      const cluster = {
        id: p.id,
        seq: p.seq,
        tokens: [...p.tokens],
        partial: [...p.partial],
        globs: globsOf(p.tokens, p.partial),
        words: p.tokens.map(isWordLike),
        firstList: void 0,
        firstWord: void 0,
        template: p.tokens.join(" "),
        count: p.count,
        firstSeen: p.firstSeen,
        lastSeen: p.lastSeen,
        example: p.example.slice(0, EXAMPLE_MAX_CHARS),
        aliases: [...p.aliases],
        bucket
      };
      bucket.clusters.push(cluster);
      indexFirst(cluster);
      miner.#live.set(cluster.id, cluster);
      for (const alias of cluster.aliases) miner.#aliases.set(alias, cluster.id);
      miner.#mostRecent = cluster;
    }
    for (const bucket of miner.#buckets.values()) bucket.clusters.sort((a2, b) => a2.seq - b.seq);
    while (miner.#live.size > settings.maxPatterns) miner.#evictOldest();
    return miner;
  }
  #tokens(message) {
    const tokens = tokenize(message, this.#masking, this.#settings.maxTokens);
    if (tokens.length === 0) tokens.push("");
    return tokens;
  }
  #bucket(length) {
    let bucket = this.#buckets.get(length);
    if (bucket === void 0) {
      bucket = { length, clusters: [], byFirstWord: /* @__PURE__ */ new Map(), rest: [], version: 0 };
      this.#buckets.set(length, bucket);
    }
    return bucket;
  }
  /** The most similar pattern of the bucket at or above the threshold; ties go to the older. */
  #bestMatch(bucket, tokens) {
    let best;
    let bestScore = -1;
    const threshold = this.#settings.similarity;
    if (bucket.clusters.length === 0) return void 0;
    const words = tokens.map(isWordLike);
    const lists = words[0] ? [bucket.byFirstWord.get(tokens[0]) ?? [], bucket.rest] : [bucket.clusters];
    for (const list of lists) {
      for (const c2 of list) {
        const score = similarity(c2, tokens, words);
        if (score > bestScore || score === bestScore && best !== void 0 && c2.seq < best.seq) {
          bestScore = score;
          best = c2;
        }
      }
    }
    return best !== void 0 && bestScore >= threshold ? best : void 0;
  }
  #create(bucket, tokens, message, timestamp) {
    let id2 = patternIdFor(tokens);
    for (let salt = 1; this.#live.has(id2) || this.#aliases.has(id2); salt++)
      id2 = patternIdFor([...tokens, `#${salt}`]);
    const cluster = {
      id: id2,
      seq: this.#nextSeq++,
      tokens,
      partial: [],
      globs: void 0,
      words: tokens.map(isWordLike),
      firstList: void 0,
      firstWord: void 0,
      template: tokens.join(" "),
      count: 1,
      firstSeen: timestamp,
      lastSeen: timestamp,
      example: message.length > EXAMPLE_MAX_CHARS ? message.slice(0, EXAMPLE_MAX_CHARS) : message,
      aliases: [],
      bucket
    };
    bucket.clusters.push(cluster);
    indexFirst(cluster);
    bucket.version++;
    this.#live.set(id2, cluster);
    while (this.#live.size > this.#settings.maxPatterns) this.#evictOldest();
    return this.#live.has(id2) ? this.#mergeSiblings(cluster) : cluster;
  }
  /** Generalizes `cluster` to cover `tokens`, then merges what it now overlaps. Returns the survivor. */
  #absorb(cluster, tokens) {
    let changed;
    let partial;
    const t2 = cluster.tokens;
    for (let i = 0; i < t2.length; i++) {
      const ti = t2[i];
      if (ti === WILD || tokenMatches(ti, cluster.globs?.[i], tokens[i])) continue;
      changed ??= [...t2];
      partial ??= new Set(cluster.partial);
      const general = generalizeToken(ti, tokens[i]);
      changed[i] = general;
      if (general === WILD) partial.delete(i);
      else partial.add(i);
    }
    if (changed === void 0 || partial === void 0) return cluster;
    this.#setTokens(
      cluster,
      changed,
      [...partial].sort((a2, b) => a2 - b)
    );
    return this.#mergeSiblings(this.#mergeOverlapping(cluster));
  }
  #mergeOverlapping(start) {
    let survivor = start;
    for (let again = true; again; ) {
      again = false;
      for (const other of survivor.bucket.clusters) {
        if (other === survivor) continue;
        if (!covers(survivor, other.tokens) && !covers(other, survivor.tokens)) continue;
        survivor = this.#merge(survivor, other);
        again = true;
        break;
      }
    }
    return survivor;
  }
  /** Merges two patterns of one bucket: the older keeps its id, the other becomes an alias. */
  #merge(a2, b) {
    const [keep, gone] = a2.seq < b.seq ? [a2, b] : [b, a2];
    this.#remove(gone);
    const partial = [];
    const tokens = keep.tokens.map((a3, i) => {
      const b2 = gone.tokens[i];
      let out;
      if (a3 === b2 || tokenMatches(a3, keep.globs?.[i], b2)) out = a3;
      else if (tokenMatches(b2, gone.globs?.[i], a3)) out = b2;
      else out = generalizeToken(a3, b2);
      if (out !== WILD && (keep.partial.includes(i) || gone.partial.includes(i) || out !== a3))
        partial.push(i);
      return out;
    });
    this.#setTokens(keep, tokens, partial);
    keep.count += gone.count;
    keep.firstSeen = Math.min(keep.firstSeen, gone.firstSeen);
    keep.lastSeen = Math.max(keep.lastSeen, gone.lastSeen);
    keep.aliases.push(gone.id, ...gone.aliases);
    for (const alias of [gone.id, ...gone.aliases]) this.#aliases.set(alias, keep.id);
    while (keep.aliases.length > MAX_ALIASES_PER_PATTERN) this.#aliases.delete(keep.aliases.shift());
    return keep;
  }
  #remove(cluster) {
    const list = cluster.bucket.clusters;
    list.splice(list.indexOf(cluster), 1);
    unindexFirst(cluster);
    cluster.bucket.version++;
    this.#live.delete(cluster.id);
    if (this.#mostRecent === cluster) this.#mostRecent = void 0;
  }
  #setTokens(cluster, tokens, partial) {
    cluster.tokens = tokens;
    cluster.partial = partial;
    cluster.globs = globsOf(tokens, partial);
    cluster.words = tokens.map(isWordLike);
    unindexFirst(cluster);
    indexFirst(cluster);
    cluster.template = tokens.join(" ");
    cluster.bucket.version++;
  }
  /**
   * Merges `cluster` with its siblings once they are SIBLINGS_TO_MERGE or more: patterns of its
   * bucket identical to it but for one word at the same position.
   */
  #mergeSiblings(cluster) {
    let survivor = cluster;
    for (let again = true; again; ) {
      again = false;
      const byPosition = /* @__PURE__ */ new Map();
      for (const other of survivor.firstList ?? []) {
        if (other === survivor) continue;
        const position = siblingPosition(survivor, other);
        if (position < 0) continue;
        const list = byPosition.get(position);
        if (list === void 0) byPosition.set(position, [other]);
        else list.push(other);
      }
      for (const [position, list] of byPosition) {
        if (list.length + 1 < SIBLINGS_TO_MERGE || !mayBecomeVariable(survivor.tokens, position)) continue;
        const group = [survivor, ...list].sort((a2, b) => a2.seq - b.seq);
        let keep = group[0];
        for (const other of group.slice(1)) keep = this.#merge(keep, other);
        survivor = this.#mergeOverlapping(keep);
        again = true;
        break;
      }
    }
    return survivor;
  }
  #evictOldest() {
    const oldest = this.#live.values().next().value;
    if (oldest === void 0) return;
    this.#remove(oldest);
    for (const alias of oldest.aliases) this.#aliases.delete(alias);
  }
  #touch(cluster) {
    if (this.#mostRecent === cluster) return;
    this.#live.delete(cluster.id);
    this.#live.set(cluster.id, cluster);
    this.#mostRecent = cluster;
  }
};
function mayBecomeVariable(tokens, position) {
  if (position === 0) return false;
  let constants = 0;
  for (const t2 of tokens) if (t2 !== WILD) constants++;
  return (constants - 1) * 2 > tokens.length;
}
function siblingPosition(a2, b) {
  let position = -1;
  const x = a2.tokens;
  const y = b.tokens;
  for (let i = 0; i < x.length; i++) {
    if (x[i] === y[i]) continue;
    if (position >= 0 || !a2.words[i] || !b.words[i]) return -1;
    position = i;
  }
  return position;
}
function indexFirst(cluster) {
  const bucket = cluster.bucket;
  let list = bucket.rest;
  cluster.firstWord = cluster.words[0] ? cluster.tokens[0] : void 0;
  if (cluster.firstWord !== void 0) {
    list = bucket.byFirstWord.get(cluster.firstWord) ?? [];
    if (list.length === 0) bucket.byFirstWord.set(cluster.firstWord, list);
  }
  let at = list.length;
  while (at > 0 && list[at - 1].seq > cluster.seq) at--;
  list.splice(at, 0, cluster);
  cluster.firstList = list;
}
function unindexFirst(cluster) {
  const list = cluster.firstList;
  if (list === void 0) return;
  list.splice(list.indexOf(cluster), 1);
  if (list.length === 0 && cluster.firstWord !== void 0)
    cluster.bucket.byFirstWord.delete(cluster.firstWord);
  cluster.firstList = void 0;
}
function covers(template, tokens) {
  const t2 = template.tokens;
  for (let i = 0; i < t2.length; i++) {
    const ti = t2[i];
    if (ti !== WILD && !tokenMatches(ti, template.globs?.[i], tokens[i])) return false;
  }
  return true;
}
function globsOf(tokens, partial) {
  if (partial.length === 0) return void 0;
  const globs = new Array(tokens.length).fill(void 0);
  for (const i of partial) globs[i] = tokens[i].split(WILD);
  return globs;
}
function tokenMatches(t2, glob, tok) {
  if (t2 === tok) return true;
  if (glob === void 0) return false;
  const first = glob[0];
  const last = glob[glob.length - 1];
  if (tok.length < first.length + last.length || !tok.startsWith(first) || !tok.endsWith(last)) return false;
  let at = first.length;
  const end = tok.length - last.length;
  for (let k = 1; k < glob.length - 1; k++) {
    const found = tok.indexOf(glob[k], at);
    if (found < 0 || found + glob[k].length > end) return false;
    at = found + glob[k].length;
  }
  return true;
}
var NOT_PUNCTUATION = /[\p{L}\p{N}<*>]/u;
function isPunctuation(c2) {
  return !NOT_PUNCTUATION.test(c2);
}
function generalizeToken(a2, b) {
  const key = keyOf(a2);
  if (key === void 0 || key !== keyOf(b) || a2[key.length] !== b[key.length]) return WILD;
  let head = key.length + 1;
  while (head < a2.length && head < b.length && a2[head] === b[head] && isPunctuation(a2[head])) head++;
  let tail = 0;
  while (tail < a2.length - head && tail < b.length - head && a2[a2.length - 1 - tail] === b[b.length - 1 - tail] && isPunctuation(a2[a2.length - 1 - tail])) {
    tail++;
  }
  return a2.slice(0, head) + WILD + a2.slice(a2.length - tail);
}
function keyOf(token) {
  for (let i = 1; i < token.length - 1; i++) {
    const c2 = token.charCodeAt(i);
    if (c2 === 61 || c2 === 58) return token.slice(0, i);
  }
  return void 0;
}
function isHardMismatch(a2, b, bothWords) {
  if (bothWords) return true;
  const ka = keyOf(a2);
  return ka !== void 0 && ka !== keyOf(b);
}
function similarity(cluster, tokens, lineWords) {
  const template = cluster.tokens;
  const globs = cluster.globs;
  const words = cluster.words;
  let equal = 0;
  let constants = 0;
  for (let i = 0; i < template.length; i++) {
    const t2 = template[i];
    if (t2 === WILD) continue;
    constants++;
    const tok = tokens[i];
    if (t2 === tok || globs?.[i] !== void 0 && tokenMatches(t2, globs[i], tok)) equal++;
    else if (isHardMismatch(t2, tok, words[i] && lineWords[i])) return -1;
  }
  if (constants > 0) return equal / constants;
  for (const w of lineWords) if (w) return -1;
  return 1;
}

// src/core/redact/errors.ts
var RedactRuleError = class extends Error {
  name = "RedactRuleError";
};

// src/core/redact/builtinRules.ts
import { Buffer as Buffer2 } from "node:buffer";

// src/core/redact/mask.ts
function tokenOf(kind) {
  return `[REDACTED:${kind}]`;
}
var TOKEN_PREFIX = "[REDACTED:";
var span = { start: 0, end: 0 };
function isHex3(c2) {
  return c2 >= 48 && c2 <= 57 || c2 >= 97 && c2 <= 102 || c2 >= 65 && c2 <= 70;
}
function safeSpan(s, start, end) {
  let a2 = start;
  let k = a2 - 1;
  while (k >= 0 && s.charCodeAt(k) === 92) k--;
  if ((a2 - 1 - k) % 2 === 1) {
    let skip = 1;
    if (s.charCodeAt(a2) === 117) {
      let h = 0;
      while (h < 4 && isHex3(s.charCodeAt(a2 + 1 + h))) h++;
      skip += h;
    }
    a2 += skip;
  }
  let b = end;
  for (let q = s.indexOf('"', a2); q >= 0 && q < b; q = s.indexOf('"', q + 1)) {
    let k2 = q - 1;
    while (k2 >= a2 && s.charCodeAt(k2) === 92) k2--;
    if ((q - 1 - k2) % 2 === 0) {
      b = q;
      break;
    }
  }
  let bs = 0;
  while (b - 1 - bs >= a2 && s.charCodeAt(b - 1 - bs) === 92) bs++;
  if (bs % 2 === 1) b--;
  span.start = a2;
  span.end = b;
  return span;
}
function insideString(s, i) {
  let inside = false;
  for (let q = s.indexOf('"'); q >= 0 && q < i; q = s.indexOf('"', q + 1)) {
    let k = q - 1;
    while (k >= 0 && s.charCodeAt(k) === 92) k--;
    if ((q - 1 - k) % 2 === 0) inside = !inside;
  }
  return inside;
}
function looksLikeJson(s) {
  const c2 = s.charCodeAt(0);
  return c2 === 123 || c2 === 91;
}
function maskMatches(s, re, kind, counts, accept, token = tokenOf(kind), quoteBareJson = false, from = 0) {
  re.lastIndex = Math.max(from, 0);
  const json = quoteBareJson && looksLikeJson(s);
  let out = "";
  let last = 0;
  let n = 0;
  for (let m = re.exec(s); m !== null; m = re.exec(s)) {
    const text = m[0];
    if (text.length === 0) {
      re.lastIndex++;
      continue;
    }
    if (accept !== void 0 && !accept(text, m.index, s)) continue;
    if (m.index < last) continue;
    const { start, end } = safeSpan(s, m.index, m.index + text.length);
    if (end <= start || s.startsWith(TOKEN_PREFIX, start)) continue;
    const wrap = json && !insideString(s, start);
    out += s.slice(last, start) + (wrap ? `"${token}"` : token);
    last = end;
    n++;
  }
  if (n === 0) return s;
  addCount(counts, kind, n);
  return out + s.slice(last);
}
var SpanMasker = class {
  constructor(s) {
    this.s = s;
  }
  s;
  out = "";
  last = 0;
  /** How many spans were replaced. */
  count = 0;
  /** Masks `[start, end)` narrowed to a JSON-safe span; `wrap` quotes the token. True when masked. */
  mask(start, end, token, wrap = false) {
    if (start < this.last) return false;
    const sp = safeSpan(this.s, start, end);
    if (sp.end <= sp.start || this.s.startsWith(TOKEN_PREFIX, sp.start)) return false;
    this.out += this.s.slice(this.last, sp.start) + (wrap ? `"${token}"` : token);
    this.last = sp.end;
    this.count++;
    return true;
  }
  /** The masked text; the input itself when nothing was masked. */
  finish() {
    return this.count === 0 ? this.s : this.out + this.s.slice(this.last);
  }
};
function addCount(counts, kind, n) {
  if (n > 0) counts[kind] = (counts[kind] ?? 0) + n;
}

// src/core/redact/email.ts
var TOKEN = tokenOf("email");
function isLocal(c2) {
  return c2 >= 97 && c2 <= 122 || c2 >= 65 && c2 <= 90 || c2 >= 48 && c2 <= 57 || c2 === 46 || c2 === 95 || c2 === 37 || c2 === 43 || c2 === 45 || // RFC 5322 atext: ! # $ & * ? ^ ~ (but not = ' / { } | `, which in logs belong to the context).
  c2 === 33 || c2 === 35 || c2 === 36 || c2 === 38 || c2 === 42 || c2 === 63 || c2 === 94 || c2 === 126;
}
function isDomain(c2) {
  return c2 >= 97 && c2 <= 122 || c2 >= 65 && c2 <= 90 || c2 >= 48 && c2 <= 57 || c2 === 46 || c2 === 45;
}
function isLetter2(c2) {
  return c2 >= 97 && c2 <= 122 || c2 >= 65 && c2 <= 90;
}
function maskEmails(s, counts) {
  let masker;
  const n = s.length;
  for (let at = s.indexOf("@"); at >= 0; at = s.indexOf("@", at + 1)) {
    let b = at + 1;
    while (b < n && b - at <= 255 && isDomain(s.charCodeAt(b))) b++;
    while (b > at + 1 && (s.charCodeAt(b - 1) === 46 || s.charCodeAt(b - 1) === 45)) b--;
    const dot = s.lastIndexOf(".", b - 1);
    if (dot <= at + 1 || b - dot - 1 < 2) continue;
    let tld = true;
    for (let i = dot + 1; i < b; i++) if (!isLetter2(s.charCodeAt(i))) tld = false;
    if (!tld) continue;
    let a2 = at;
    while (a2 > 0 && at - a2 < 64 && isLocal(s.charCodeAt(a2 - 1))) a2--;
    while (a2 < at && s.charCodeAt(a2) === 46) a2++;
    if (a2 === at) continue;
    masker ??= new SpanMasker(s);
    masker.mask(a2, b, TOKEN);
  }
  if (masker === void 0) return s;
  addCount(counts, "email", masker.count);
  return masker.finish();
}

// src/core/redact/luhn.ts
function luhnValid(s) {
  let sum = 0;
  let double = false;
  let digits = 0;
  for (let i = s.length - 1; i >= 0; i--) {
    const c2 = s.charCodeAt(i) - 48;
    if (c2 < 0 || c2 > 9) continue;
    digits++;
    let d = c2;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return digits > 0 && sum % 10 === 0;
}

// src/core/redact/secretPairs.ts
var PASSWORD_TOKEN = tokenOf("password_pair");
var GENERIC_TOKEN = tokenOf("generic_secret");
var STEMS = "pass(?:word|wd|phrase)|pwd|secret(?:[_-]?key)?|token|api[_-]?key|private[_-]?key";
var SECRET_STEM = new RegExp(STEMS, "i");
var PAIR = new RegExp(`(${STEMS})(\\\\?["']?)[ \\t]*[:=][ \\t]*`, "gi");
var LITERAL = /^(?:null|true|false|undefined|none|\*+)$/i;
var NUMBER2 = /^-?\d/;
function endsBare(c2) {
  return c2 <= 32 || c2 === 34 || c2 === 39 || c2 === 92 || c2 === 44 || c2 === 59 || c2 === 38 || c2 === 123 || c2 === 125 || c2 === 91 || c2 === 93 || c2 === 40 || c2 === 41 || c2 === 60 || c2 === 62;
}
function closingQuote(s, i) {
  for (let k = i; k < s.length; k++) {
    const c2 = s.charCodeAt(k);
    if (c2 === 92) k++;
    else if (c2 === 34) return k;
  }
  return -1;
}
function maskSecretPairs(s, counts, passwords, generic) {
  let masker;
  let passwordCount = 0;
  PAIR.lastIndex = 0;
  for (let m = PAIR.exec(s); m !== null; m = PAIR.exec(s)) {
    const c0 = m[1].charCodeAt(0) | 32;
    const isPassword = c0 === 112 && (m[1].charCodeAt(1) | 32) !== 114;
    if (isPassword ? !passwords : !generic) continue;
    const quote = m[2];
    const p = m.index + m[0].length;
    const inside = insideString(s, p);
    let vStart = p;
    let vEnd = -1;
    let wrap = false;
    const c2 = s.charCodeAt(p);
    if (c2 === 92 && s.charCodeAt(p + 1) === 34) {
      vStart = p + 2;
      vEnd = s.indexOf('\\"', vStart);
    } else if (c2 === 34) {
      if (inside) continue;
      vStart = p + 1;
      vEnd = closingQuote(s, vStart);
      if (vEnd < 0) vEnd = s.length;
    } else if (c2 === 39) {
      vStart = p + 1;
      vEnd = s.indexOf("'", vStart);
    } else {
      let k = p;
      while (k < s.length && !endsBare(s.charCodeAt(k))) k++;
      vEnd = k;
      const next = s.charCodeAt(k);
      if (next === 123 || next === 40) continue;
      if (!inside && quote === '"') {
        if (!NUMBER2.test(s.slice(vStart, vEnd))) continue;
        wrap = true;
      }
    }
    if (vEnd <= vStart) continue;
    const value = s.slice(vStart, Math.min(vEnd, vStart + 40));
    if (value.startsWith(TOKEN_PREFIX) || LITERAL.test(value)) continue;
    masker ??= new SpanMasker(s);
    if (masker.mask(vStart, vEnd, isPassword ? PASSWORD_TOKEN : GENERIC_TOKEN, wrap) && isPassword)
      passwordCount++;
    PAIR.lastIndex = Math.max(PAIR.lastIndex, vEnd);
  }
  if (masker === void 0) return s;
  addCount(counts, "password_pair", passwordCount);
  addCount(counts, "generic_secret", masker.count - passwordCount);
  return masker.finish();
}

// src/core/redact/builtinRules.ts
var KEYWORD_HINT = /pwd|pass(?:w|ph)|secret|key|token|bearer|basic|eyj|akia|asia|-----begin/i;
var NOT_AFTER_WORD = "(?<!(?<!\\\\)[A-Za-z0-9_-])";
var PRIVATE_KEY = /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----[^"]*?(?:-----END (?:[A-Z0-9]+ )*PRIVATE KEY-----|(?="|$))/g;
var BEARER = /(?<=\bbearer[ \t]+)[A-Za-z0-9\-._~+/]{8,}=*/gi;
var BASIC = /(?<=\bbasic[ \t]+)[A-Za-z0-9+/]{6,}={0,2}(?![A-Za-z0-9+/=])/gi;
var JWT = new RegExp(`${NOT_AFTER_WORD}eyJ[\\w-]{5,}\\.[\\w-]{5,}\\.[\\w-]*`, "g");
var URL_PASSWORD = /(?<=\b[A-Za-z][A-Za-z0-9+.-]{1,20}:\/\/[^\s:@/"\\]*:)[^\s@/"\\]+(?=@)/g;
var AWS_ACCESS_KEY = new RegExp(`${NOT_AFTER_WORD}(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Za-z0-9])`, "g");
var AWS_SECRET_KEY = /(?<=(?:aws_?)?secret_?access_?key\\?["']?[ \t]*[:=][ \t]*\\?["']?)[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+])/gi;
var CARD = /(?:[2-6]\d{12,18}|[2-6]\d{3}([ -])\d{4}\1\d{4}\1\d{1,4}(?:\1\d{3})?|3\d{3}([ -])\d{6}\2\d{4,5})(?![\w-])/g;
var CARD_HINT = /[2-6]\d\d\d[ -]?\d\d\d\d[ -]?\d\d\d\d[ -]?\d|3\d\d\d[ -]\d\d\d\d\d\d[ -]\d\d\d\d/;
var CARD_TOKEN = tokenOf("card_number");
var TOKEN_CHARS = /[\d\-._~+/=]/;
var PRINTABLE_WITH_COLON = /^[\x20-\x7e]*:[\x20-\x7e]*$/;
function has(s, a2, b) {
  return s.indexOf(a2) >= 0 || b !== void 0 && s.indexOf(b) >= 0;
}
function isWordLike2(c2) {
  return c2 >= 48 && c2 <= 57 || c2 >= 65 && c2 <= 90 || c2 >= 97 && c2 <= 122 || c2 === 95 || c2 === 45;
}
function isCard(match, index, s) {
  if (index > 0 && isWordLike2(s.charCodeAt(index - 1)) && !(index > 1 && s.charCodeAt(index - 2) === 92)) {
    return false;
  }
  return luhnValid(match);
}
function isBasicCredential(token, index, s) {
  const before = s.slice(Math.max(0, index - 32), index).toLowerCase();
  if (before.indexOf("authorization") >= 0) return true;
  return PRINTABLE_WITH_COLON.test(Buffer2.from(token, "base64").toString("latin1"));
}
function ipRule(kind, version) {
  const token = tokenOf(kind);
  return {
    kind,
    keyword: false,
    mayMatch: (s) => version === 4 ? s.indexOf(".") >= 0 : s.indexOf(":") >= 0,
    apply(s, counts) {
      const spans = findIps(s, Number.POSITIVE_INFINITY, false);
      let masker;
      for (const sp of spans) {
        if (sp.version !== version) continue;
        masker ??= new SpanMasker(s);
        masker.mask(sp.start, sp.end, token);
      }
      if (masker === void 0) return s;
      addCount(counts, kind, masker.count);
      return masker.finish();
    }
  };
}
function builtinRules(enabled, ips) {
  const passwords = enabled("password_pair");
  const generic = enabled("generic_secret");
  const rules = [
    {
      kind: "private_key",
      keyword: true,
      mayMatch: (s) => s.indexOf("-----BEGIN") >= 0,
      apply: (s, c2) => maskMatches(s, PRIVATE_KEY, "private_key", c2)
    },
    {
      kind: "bearer_token",
      keyword: true,
      mayMatch: (s) => has(s, "earer", "EARER") || has(s, "asic", "ASIC"),
      apply(s, c2) {
        const out = maskMatches(s, BEARER, "bearer_token", c2, (t2) => TOKEN_CHARS.test(t2));
        return has(out, "asic", "ASIC") ? maskMatches(out, BASIC, "bearer_token", c2, isBasicCredential) : out;
      }
    },
    {
      kind: "jwt",
      keyword: true,
      mayMatch: (s) => s.indexOf("eyJ") >= 0,
      apply: (s, c2) => maskMatches(s, JWT, "jwt", c2)
    },
    {
      kind: "url_password",
      keyword: false,
      // `@` first: a one-character search is cheaper, and most lines have none.
      mayMatch: (s) => s.indexOf("@") >= 0 && s.indexOf("://") >= 0,
      apply: (s, c2) => maskMatches(s, URL_PASSWORD, "url_password", c2)
    },
    {
      kind: "aws_access_key",
      keyword: true,
      mayMatch: (s) => has(s, "AKIA", "ASIA"),
      apply: (s, c2) => maskMatches(s, AWS_ACCESS_KEY, "aws_access_key", c2)
    },
    {
      kind: "aws_secret_key",
      keyword: true,
      mayMatch: (s) => has(s, "ccess", "CCESS"),
      apply: (s, c2) => maskMatches(s, AWS_SECRET_KEY, "aws_secret_key", c2)
    },
    {
      kind: passwords ? "password_pair" : "generic_secret",
      keyword: true,
      mayMatch: (s) => (s.indexOf("=") >= 0 || s.indexOf(":") >= 0) && SECRET_STEM.test(s),
      apply: (s, c2) => maskSecretPairs(s, c2, passwords, generic)
    },
    {
      kind: "email",
      keyword: false,
      mayMatch: (s) => s.indexOf("@") >= 0,
      apply: maskEmails
    },
    {
      kind: "card_number",
      keyword: false,
      mayMatch: (s) => s.length >= 13 && CARD_HINT.test(s),
      // Every CARD match starts where CARD_HINT matches: start at the first hint.
      apply: (s, c2) => maskMatches(s, CARD, "card_number", c2, isCard, CARD_TOKEN, true, s.search(CARD_HINT))
    }
  ];
  if (ips) rules.push(ipRule("ipv4", 4), ipRule("ipv6", 6));
  return rules.filter(
    (r) => r.kind === "password_pair" || r.kind === "generic_secret" ? passwords || generic : enabled(r.kind)
  );
}
function isCardNumber(n) {
  if (!Number.isSafeInteger(n) || n < 2e12) return false;
  const s = String(n);
  return s.length >= 13 && s.length <= 19 && s.charCodeAt(0) >= 50 && s.charCodeAt(0) <= 54 && luhnValid(s);
}

// src/core/redact/redactor.ts
var DEFAULT_SENSITIVE_KEYS = [
  "password",
  "passwd",
  "pwd",
  "secret",
  "token",
  "api_key",
  "apikey",
  "authorization",
  "cookie",
  "set-cookie",
  "access_token",
  "refresh_token",
  "client_secret",
  "private_key"
];
var NAME2 = /^[\w.:-]+$/;
var SECRET_KEY_SUFFIX = /(?:pass(?:word|wd|phrase)|pwd|secret(?:[_-]?key)?|token|api[_-]?key|private[_-]?key)$/;
var PASSWORDISH = /pass|pwd/;
var KEY_CACHE_LIMIT = 4096;
function compileRule(rule) {
  if (!NAME2.test(rule.name)) {
    throw new RedactRuleError(`redact rule name "${rule.name}" must be letters, digits or _ . : -`);
  }
  const token = rule.replacement ?? tokenOf(rule.name);
  if (token.includes('"') || token.includes("\\")) {
    throw new RedactRuleError(`redact rule "${rule.name}": the replacement must not contain " or \\`);
  }
  const flags = rule.flags ?? "";
  let re;
  try {
    re = new RegExp(rule.pattern, flags.includes("g") ? flags : `${flags}g`);
  } catch (err) {
    throw new RedactRuleError(`redact rule "${rule.name}": ${err.message}`, { cause: err });
  }
  return { kind: rule.name, re, token };
}
function mayHoldBuiltin(s) {
  let digits = 0;
  for (let i = 0; i < s.length; i++) {
    const c2 = s.charCodeAt(i);
    if (c2 >= 48 && c2 <= 57) {
      if (++digits >= 13) return true;
    } else if (c2 >= 103 || c2 >= 71 && c2 <= 90 || c2 === 64) return true;
  }
  return false;
}
function createRedactor(options = {}) {
  const custom = (options.rules ?? []).map(compileRule);
  if (options.enabled === false) {
    return { text: (s) => s, texts: (all2) => all2.slice(), fields: () => void 0 };
  }
  const disabled = new Set(options.disable ?? []);
  const enabled = (kind) => !disabled.has(kind);
  const rules = builtinRules(enabled, options.ips === true);
  const sensitive = new Set((options.sensitiveKeys ?? DEFAULT_SENSITIVE_KEYS).map((k) => k.toLowerCase()));
  const suffixPasswords = enabled("password_pair");
  const suffixGeneric = enabled("generic_secret");
  const cardNumbers = enabled("card_number");
  const keyKinds = /* @__PURE__ */ new Map();
  const builtinOnly = custom.length === 0 && options.ips !== true;
  function text(s, counts) {
    if (s.length === 0) return s;
    let out = s;
    for (const rule of custom) out = maskMatches(out, rule.re, rule.kind, counts, void 0, rule.token);
    const keywords = KEYWORD_HINT.test(out);
    for (const rule of rules)
      if ((keywords || !rule.keyword) && rule.mayMatch(out)) out = rule.apply(out, counts);
    return out;
  }
  function texts(all2, counts) {
    const n = all2.length;
    const out = all2.slice();
    for (const rule of custom) {
      for (let i = 0; i < n; i++) {
        if (all2[i].length > 0)
          out[i] = maskMatches(out[i], rule.re, rule.kind, counts, void 0, rule.token);
      }
    }
    const keywords = new Uint8Array(n);
    for (let i = 0; i < n; i++) keywords[i] = all2[i].length > 0 && KEYWORD_HINT.test(out[i]) ? 1 : 0;
    for (const rule of rules) {
      const keyword = rule.keyword;
      for (let i = 0; i < n; i++) {
        const s = out[i];
        if ((keywords[i] === 1 || !keyword) && all2[i].length > 0 && rule.mayMatch(s))
          out[i] = rule.apply(s, counts);
      }
    }
    return out;
  }
  function kindOfKey(key) {
    let kind = keyKinds.get(key);
    if (kind !== void 0) return kind;
    const lower = key.toLowerCase();
    const dot = lower.lastIndexOf(".");
    const last = dot >= 0 ? lower.slice(dot + 1) : lower;
    const passwordish = PASSWORDISH.test(last);
    kind = "";
    if (sensitive.has(lower) || sensitive.has(last)) kind = passwordish ? "password_pair" : "generic_secret";
    else if (SECRET_KEY_SUFFIX.test(last) && (passwordish ? suffixPasswords : suffixGeneric)) {
      kind = passwordish ? "password_pair" : "generic_secret";
    }
    if (keyKinds.size >= KEY_CACHE_LIMIT) keyKinds.clear();
    keyKinds.set(key, kind);
    return kind;
  }
  function fields(f, counts) {
    for (const key in f) {
      const value = f[key];
      if (value === void 0) continue;
      const kind = kindOfKey(key);
      if (kind !== "") {
        if (value === "" || typeof value === "string" && value.startsWith(TOKEN_PREFIX)) continue;
        f[key] = tokenOf(kind);
        addCount(counts, kind, 1);
      } else if (typeof value === "string") {
        if (builtinOnly && !mayHoldBuiltin(value)) continue;
        const masked = text(value, counts);
        if (masked !== value) f[key] = masked;
      } else if (typeof value === "number" && cardNumbers && isCardNumber(value)) {
        f[key] = tokenOf("card_number");
        addCount(counts, "card_number", 1);
      }
    }
  }
  return { text, texts, fields };
}

// src/core/Analyzer.ts
var MAX_GROUPS = 1e3;
var Analyzer = class {
  constructor(config) {
    this.config = config;
    this.windowMs = config.windowMinutes * 6e4;
    this.classify = createClassifier(config.classify);
    this.extract = createBatchExtractor(config.extract);
    this.redactor = config.redact.enabled ? createRedactor(config.redact) : void 0;
    this.maxMessageBytes = config.store.maxMessageBytes;
    this.evaluator = new AlertEvaluator(config.alerts.rules, this.windowMs, config.alerts.examples);
    this.anomalies = new AnomalyEvaluator(config.alerts.rules, this.windowMs, config.alerts.examples);
  }
  config;
  windowMs;
  evaluator;
  /** new_pattern and spike rules. */
  anomalies;
  classify;
  extract;
  redactor;
  miners = /* @__PURE__ */ new Map();
  /** Events each group's miner has learned from (restored miners start at their patterns' counts). */
  learned = /* @__PURE__ */ new Map();
  maxMessageBytes;
  /** The group's miner, created (or restored from `state`) on first use. */
  miner(group, state) {
    if (!this.config.patterns.enabled) return void 0;
    let miner = this.miners.get(group);
    if (miner) {
      this.miners.delete(group);
      this.miners.set(group, miner);
      return miner;
    }
    const options = {
      maxPatterns: this.config.patterns.maxPatterns,
      extraMaskers: this.config.patterns.extraMaskers,
      ...this.config.patterns.similarity !== void 0 ? { similarity: this.config.patterns.similarity } : {}
    };
    miner = state === void 0 ? new PatternMiner(options) : PatternMiner.restore(state, options);
    this.miners.set(group, miner);
    let learned = 0;
    if (state !== void 0) for (const p of miner.patterns()) learned += p.count;
    this.learned.set(group, learned);
    if (this.miners.size > MAX_GROUPS) {
      const oldest = this.miners.keys().next().value;
      this.miners.delete(oldest);
      this.learned.delete(oldest);
    }
    return miner;
  }
  hasMiner(group) {
    return this.miners.has(group);
  }
  /** Groups whose miners exist, for saving their state. */
  minerGroups() {
    return [...this.miners.keys()];
  }
  analyze(batch) {
    const severities = { CRITICAL: 0, ERROR: 0, WARNING: 0, INFO: 0, DEBUG: 0 };
    const redactions = {};
    const aggregator = new WindowAggregator(this.windowMs);
    const miner = this.miner(batch.group);
    const events = new Array(batch.events.length);
    const newPatterns = [];
    const { group, stream, id: batchId } = batch;
    const learnedBefore = miner ? this.learned.get(group) ?? 0 : 0;
    const redactor = this.redactor;
    const retention = this.config.store.retention;
    const classify2 = this.classify;
    const extract = this.extract;
    const truncateAbove = this.maxMessageBytes / 3;
    const rawEvents = batch.events;
    const n = rawEvents.length;
    const texts = new Array(n);
    const jsons = new Array(n);
    const sevs = new Array(n);
    for (let i = 0; i < n; i++) {
      const text = rawEvents[i].message;
      texts[i] = text;
      jsons[i] = parseJsonMessage(text);
    }
    for (let i = 0; i < n; i++) sevs[i] = classify2(texts[i], jsons[i]);
    const allFields = extract(texts, jsons);
    for (let i = 0; i < n; i++) {
      const extracted = rawEvents[i].extractedFields;
      if (extracted === void 0) continue;
      const fields = allFields[i];
      for (const k in extracted) if (!(k in fields)) fields[k] = extracted[k];
    }
    const messages = redactor ? redactor.texts(texts, redactions) : texts;
    if (redactor) for (let i = 0; i < n; i++) redactor.fields(allFields[i], redactions);
    for (let i = 0; i < n; i++) {
      const raw = rawEvents[i];
      const severity2 = sevs[i];
      const fields = allFields[i];
      const event = {
        id: raw.id,
        group,
        stream,
        timestamp: raw.timestamp,
        severity: severity2,
        message: messages[i],
        fields,
        batchId,
        expiresAt: raw.timestamp + retention[severity2]
      };
      events[i] = event;
    }
    if (miner) {
      for (let i = 0; i < n; i++) {
        const event = events[i];
        const match = miner.add(this.patternText(event.message, jsons[i], redactor), event.timestamp);
        event.patternId = match.patternId;
        event.template = match.template;
        if (match.isNew)
          newPatterns.push({
            group,
            patternId: match.patternId,
            template: match.template,
            event,
            seenBefore: learnedBefore + i
          });
      }
    }
    for (let i = 0; i < n; i++) {
      const event = events[i];
      const correlationId = correlationIdOf(event.fields);
      if (correlationId !== void 0) event.correlationId = correlationId;
      if (event.message.length > truncateAbove) this.truncate(event);
      severities[event.severity]++;
      aggregator.add(event);
    }
    if (miner) this.learned.set(group, learnedBefore + events.length);
    const deltas = aggregator.deltas();
    this.markLastEvents(deltas, events);
    const analysis = { events, deltas, severities, redactions, newPatterns };
    if (redactor && this.config.redact.archive) analysis.archiveMessages = messages;
    return analysis;
  }
  /**
   * What the miner learns from: a JSON log's own message field (the template of
   * `{"level":"error","msg":"payment declined","order":17}` is `payment declined`, not the JSON),
   * masked like the message; otherwise the masked message after its header (timestamp, pid, level,
   * `component:`; see contentStart). On the Loghub-2k raw lines that lifts grouping accuracy from
   * 0.967 (whole lines) to 0.992 and mining from ~264k to ~376k lines/s: headers are variables that
   * cost tokens, and a level in the template splits one event into one pattern per level.
   */
  patternText(message, json, redactor) {
    if (json === void 0) {
      const start = contentStart(message);
      return start === 0 ? message : message.slice(start);
    }
    const text = typeof json.message === "string" ? json.message : typeof json.msg === "string" ? json.msg : void 0;
    if (text === void 0) return message;
    return redactor ? redactor.text(text, this.scratchCounts) : text;
  }
  /** Raises each window's LAST_EVENT_MAX to its latest event time, for flatline checks. */
  markLastEvents(deltas, events) {
    if (deltas.length === 1) {
      let last = Number.NEGATIVE_INFINITY;
      for (const e of events) if (e.timestamp > last) last = e.timestamp;
      raiseMax(deltas[0], LAST_EVENT_MAX, last);
      return;
    }
    const byStart = /* @__PURE__ */ new Map();
    for (const d of deltas) byStart.set(d.start, d);
    for (const e of events) {
      const d = byStart.get(windowStart(e.timestamp, this.windowMs));
      if (d) raiseMax(d, LAST_EVENT_MAX, e.timestamp);
    }
  }
  /** Redaction counts of pattern texts: already counted once in the message they come from. */
  scratchCounts = {};
  /** Cuts a stored message to maxMessageBytes of UTF-8 without splitting a character. */
  truncate(event) {
    const bytes = Buffer.from(event.message, "utf8");
    if (bytes.length <= this.maxMessageBytes) return;
    let end = this.maxMessageBytes;
    while (end > 0 && ((bytes[end] ?? 0) & 192) === 128) end--;
    event.message = bytes.subarray(0, end).toString("utf8");
    event.truncated = true;
  }
};

// src/core/config.ts
import * as z from "zod";
var severity = z.enum(SEVERITIES);
var duration = z.union([z.number(), z.string()]).transform((value, ctx) => {
  const ms = parseDuration(value);
  if (ms === void 0) {
    ctx.addIssue({
      code: "custom",
      message: `not a duration: ${JSON.stringify(value)} (use ms or e.g. "30s", "5m", "7d")`
    });
    return z.NEVER;
  }
  return ms;
});
var regexSource = z.string().refine(
  (source) => {
    try {
      new RegExp(source);
      return true;
    } catch {
      return false;
    }
  },
  { message: "not a valid regular expression" }
);
var regexFlags = z.string().regex(/^[dgimsuvy]*$/, "only the flags d g i m s u v y");
var classifySchema = z.object({
  /** Custom rules tried first, first match wins. Default none. */
  rules: z.array(
    z.strictObject({
      pattern: regexSource,
      flags: regexFlags.optional(),
      severity,
      field: z.string().optional()
    })
  ).default([]),
  /** Severity of HTTP access-log lines by status class. Default 5xx ERROR, 4xx WARNING. */
  httpStatus: z.strictObject({ "5xx": severity.default("ERROR"), "4xx": severity.default("WARNING") }).prefault({}),
  /** Severity when nothing in the line says otherwise. Default INFO. */
  fallback: severity.default("INFO")
}).strict();
var extractSchema = z.object({
  /** Max fields kept from a JSON message. Default 64. */
  maxJsonFields: z.number().int().min(1).max(1e3).default(64),
  /** Max nesting depth flattened. Default 4. */
  maxJsonDepth: z.number().int().min(1).max(32).default(4),
  /** Max logfmt pairs. Default 32. */
  maxLogfmtPairs: z.number().int().min(1).max(1e3).default(32),
  /** Max length of one string field value. Default 1024. */
  maxValueLength: z.number().int().min(16).default(1024)
}).strict();
var redactSchema = z.object({
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
  rules: z.array(
    z.strictObject({
      name: z.string().min(1),
      pattern: regexSource,
      flags: regexFlags.optional(),
      replacement: z.string().optional()
    })
  ).default([]),
  /** Field names whose values are always masked; replaces the built-in list when given. */
  sensitiveKeys: z.array(z.string()).optional()
}).strict();
var patternsSchema = z.object({
  /** Mine log patterns. Default true. */
  enabled: z.boolean().default(true),
  /** Max patterns kept per log group; least recently seen are evicted. Default 1000. */
  maxPatterns: z.number().int().min(10).default(1e3),
  /** Similarity a line needs to join a pattern (0..1). Default: the miner's own. */
  similarity: z.number().min(0).max(1).optional(),
  /** Extra maskers applied before mining. */
  extraMaskers: z.array(
    z.strictObject({
      name: z.string().min(1),
      pattern: regexSource,
      flags: regexFlags.optional(),
      replacement: z.string().optional()
    })
  ).default([])
}).strict();
var ruleBase = {
  id: z.string().regex(/^[A-Za-z0-9_.:-]+$/, "letters, digits and _ . : - only"),
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
  cooldown: duration.prefault(0)
};
var thresholdRule = z.strictObject({
  ...ruleBase,
  type: z.literal("threshold"),
  /** Counts events at or above this severity. */
  severity,
  /** Fires when the window's count reaches this number. */
  count: z.number().int().min(1)
});
var matchRule = z.strictObject({
  ...ruleBase,
  type: z.literal("match"),
  /** Only events at or above this severity. Default DEBUG (any). */
  severity: severity.default("DEBUG"),
  /** Regex on the message (or on `field` when given). */
  pattern: regexSource.optional(),
  flags: regexFlags.optional(),
  field: z.string().optional(),
  /** Exact value of `field`. */
  equals: z.union([z.string(), z.number(), z.boolean()]).optional()
});
var newPatternRule = z.strictObject({
  ...ruleBase,
  type: z.literal("new_pattern"),
  /**
   * Fires for a pattern never seen before in the group whose events in its first window reach this
   * severity (the worst of them counts). Default WARNING.
   */
  severity: severity.default("WARNING"),
  /**
   * Learning time: patterns born while the group's miner has seen fewer events than this are
   * learned silently (otherwise a fresh group fires for every pattern it has). Default 1000.
   */
  learningEvents: z.number().int().min(0).default(1e3)
});
var spikeRule = z.strictObject({
  ...ruleBase,
  type: z.literal("spike"),
  /** What is counted: each pattern's events (`pattern`), or the events at or above `severity` (`severity`). Default pattern. */
  on: z.enum(["pattern", "severity"]).default("pattern"),
  /** With `on: severity`, counts events at or above this severity. Default ERROR. */
  severity: severity.default("ERROR"),
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
  direction: z.enum(["up", "down", "both"]).default("up")
});
var flatlineRule = z.strictObject({
  ...ruleBase,
  type: z.literal("flatline"),
  /** Fires when a group that produced events has been quiet this long. Default 15m. */
  after: duration.prefault("15m")
});
var alertRuleSchema = z.discriminatedUnion("type", [thresholdRule, matchRule, newPatternRule, spikeRule, flatlineRule]).superRefine((rule, ctx) => {
  if (rule.type === "spike" && rule.minBaselineWindows > rule.baselineWindows)
    ctx.addIssue({
      code: "custom",
      path: ["minBaselineWindows"],
      message: `must be at most baselineWindows (${rule.baselineWindows})`
    });
  if (rule.type === "flatline" && rule.after < 6e4)
    ctx.addIssue({ code: "custom", path: ["after"], message: "must be at least 1m" });
});
var DEFAULT_ALERT_RULES = [
  {
    id: "error-burst",
    type: "threshold",
    severity: "ERROR",
    count: 11,
    description: "More than 10 events at ERROR or above in one window"
  },
  { id: "critical", type: "threshold", severity: "CRITICAL", count: 1, description: "Any CRITICAL event" }
];
var alertsSchema = z.object({
  rules: z.array(alertRuleSchema).prefault(() => DEFAULT_ALERT_RULES.map((r) => ({ ...r }))),
  /** Example events kept per firing. Default 5. */
  examples: z.number().int().min(0).max(50).default(5)
}).strict().superRefine((alerts, ctx) => {
  const seen = /* @__PURE__ */ new Set();
  alerts.rules.forEach((rule, i) => {
    if (seen.has(rule.id))
      ctx.addIssue({ code: "custom", path: ["rules", i, "id"], message: `duplicate rule id "${rule.id}"` });
    seen.add(rule.id);
  });
});
var decodeSchema = z.object({
  /** Cap on one decompressed CloudWatch payload, bytes. Default 64 MiB. */
  maxDecompressedBytes: z.number().int().min(1024).default(64 * 1024 * 1024),
  /** Longer lines are truncated on text/NDJSON ingest, bytes. Default 256 KiB. */
  maxLineBytes: z.number().int().min(256).default(256 * 1024)
}).strict();
var retentionSchema = z.strictObject({
  CRITICAL: duration.prefault("90d"),
  ERROR: duration.prefault("30d"),
  WARNING: duration.prefault("14d"),
  INFO: duration.prefault("7d"),
  DEBUG: duration.prefault("1d")
}).prefault({});
var storeSchema = z.object({
  /** Stored messages are cut to this many bytes (flagged `truncated`); the archive keeps them whole. Default 32 KiB. */
  maxMessageBytes: z.number().int().min(256).max(35e4).default(32 * 1024),
  /** Time to live per severity. Defaults CRITICAL 90d, ERROR 30d, WARNING 14d, INFO 7d, DEBUG 1d. */
  retention: retentionSchema
}).strict();
var webhookUrl = z.url({ protocol: /^https?$/, error: "must be an http(s) URL" });
var notifySchema = z.object({
  /** Base URL of the dashboard, used for links in alert messages. Default none (the server sets its own). */
  dashboardUrl: z.string().optional(),
  /** Print alerts to the console (standard error). Default false; `logsift serve --demo` turns it on. */
  console: z.boolean().default(false),
  /** Email over SMTP (local mode). In AWS, email goes through the SNS topic's subscriptions instead. */
  email: z.strictObject({
    /** SMTP server URL, e.g. `smtp://user:pass@mail.example.com:587` or `smtps://...:465`. */
    smtp: z.string().regex(/^smtps?:\/\//, "must start with smtp:// or smtps://"),
    from: z.string().min(3),
    to: z.array(z.string().min(3)).min(1),
    /** Subject prefix. Default "[logsift]". */
    subjectPrefix: z.string().default("[logsift]")
  }).optional(),
  /** Slack incoming webhook. */
  slack: z.strictObject({ webhookUrl }).optional(),
  /** Microsoft Teams incoming webhook (Workflows or legacy connector URL). */
  teams: z.strictObject({ webhookUrl }).optional(),
  /** Generic JSON webhooks: the alert as JSON in a POST body. */
  webhooks: z.array(
    z.strictObject({
      name: z.string().regex(/^[A-Za-z0-9_.-]+$/, "letters, digits and _ . - only"),
      url: webhookUrl,
      headers: z.record(z.string(), z.string()).default({})
    })
  ).default([]),
  /** Delivery attempts per alert and channel, with exponential backoff from `backoff`. Defaults 4 and 1s. */
  retry: z.strictObject({
    attempts: z.number().int().min(1).max(20).default(4),
    backoff: duration.prefault("1s")
  }).prefault({}),
  /**
   * Storm control per channel: at most `maxAlerts` messages per `window`; further firings are folded
   * into one digest sent when the window ends. Defaults 10 per 10m.
   */
  budget: z.strictObject({ maxAlerts: z.number().int().min(1).default(10), window: duration.prefault("10m") }).prefault({}),
  /** A daily report (counts, top patterns, alerts) to every channel at this UTC time. Default off. */
  dailyReport: z.strictObject({
    enabled: z.boolean().default(false),
    at: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "HH:MM, 24-hour UTC").default("08:00")
  }).prefault({})
}).strict();
var configSchema = z.object({
  /** Metric and alert window length in minutes. Default 5. */
  windowMinutes: z.number().int().min(1).max(1440).default(5),
  /** Log group globs never processed (loop guard). Default logsift's own function log groups. */
  ignoreGroups: z.array(z.string()).default(["/aws/lambda/logsift-*", "/aws/lambda/LogsiftStack-*"]),
  decode: decodeSchema.prefault({}),
  classify: classifySchema.prefault({}),
  extract: extractSchema.prefault({}),
  redact: redactSchema.prefault({}),
  patterns: patternsSchema.prefault({}),
  alerts: alertsSchema.prefault({}),
  store: storeSchema.prefault({}),
  notify: notifySchema.prefault({})
}).strict();
var ConfigError = class extends Error {
  constructor(origin, problems) {
    super(`invalid configuration in ${origin}:
  ${problems.join("\n  ")}`);
    this.origin = origin;
    this.problems = problems;
  }
  origin;
  problems;
  name = "ConfigError";
};
function parseConfig(input = {}, origin = "config") {
  const result = configSchema.safeParse(input ?? {});
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const path = issue.path.length > 0 ? formatPath(issue.path) : "(root)";
    return `${path}: ${issue.message}`;
  });
  throw new ConfigError(origin, problems);
}
function formatPath(path) {
  return path.map((p, i) => typeof p === "number" ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`).join("");
}

// src/adapters/local/sqlite/SqliteStore.ts
var SqliteStore = class {
  constructor(db) {
    this.db = db;
    this.release = db.acquire();
  }
  db;
  release;
  closed = false;
  async flush() {
    if (!this.closed) await this.db.checkpoint();
  }
  async close() {
    if (this.closed) return;
    await this.flush();
    this.closed = true;
    this.release();
  }
};
function whereClause(conditions) {
  const parts = [];
  const params = [];
  for (const [condition, value] of conditions) {
    if (value === void 0) continue;
    parts.push(condition);
    params.push(value);
  }
  return { sql: parts.length > 0 ? ` WHERE ${parts.join(" AND ")}` : "", params };
}

// src/adapters/local/sqlite/StatementCache.ts
var StatementCache = class {
  constructor(db) {
    this.db = db;
  }
  db;
  statements = /* @__PURE__ */ new Map();
  get(sql) {
    let stmt = this.statements.get(sql);
    if (!stmt) {
      stmt = this.db.prepare(sql);
      this.statements.set(sql, stmt);
    }
    return stmt;
  }
};

// src/adapters/local/sqlite/SqliteAlertStore.ts
var INSERT_SQL = `INSERT OR IGNORE INTO alerts
    (id, dedup_key, rule, grp, group_key, window_start, window_end, severity, fired_at, firing)
   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;
var BY_ID_SQL = "SELECT firing, state, deliveries FROM alerts WHERE id = ?";
var DELIVER_SQL = `UPDATE alerts SET
     deliveries = json_insert(deliveries, '$[#]', json(?)),
     state = CASE WHEN ? THEN 'delivered' WHEN state = 'delivered' THEN state ELSE 'failed' END
   WHERE id = ?`;
var SqliteAlertStore = class extends SqliteStore {
  insert;
  byId;
  last;
  deliver;
  queries;
  constructor(db) {
    super(db);
    const c2 = db.connection;
    this.queries = new StatementCache(c2);
    this.insert = c2.prepare(INSERT_SQL);
    this.byId = c2.prepare(BY_ID_SQL);
    this.last = c2.prepare(
      `SELECT firing, state, deliveries FROM alerts WHERE rule = ? AND group_key = ?
       ORDER BY fired_at DESC, rowid LIMIT 1`
    );
    this.deliver = c2.prepare(DELIVER_SQL);
  }
  async record(firing) {
    const params = [
      firing.id,
      firing.dedupKey,
      firing.rule,
      firing.group,
      `${firing.group}|${firing.key}`,
      firing.window.start,
      firing.window.end,
      firing.severity,
      firing.firedAt,
      JSON.stringify(firing)
    ];
    const writer = this.db.writer;
    if (writer) {
      const [changes, row] = await writer.exec([
        { sql: INSERT_SQL, params },
        { sql: BY_ID_SQL, params: [firing.id], get: true }
      ]);
      return { created: changes === 1, alert: toAlert(row) };
    }
    const created = this.insert.run(params).changes === 1;
    return { created, alert: toAlert(this.byId.get(firing.id)) };
  }
  async lastFiring(rule, key) {
    const row = this.last.get(rule, key);
    return row && toAlert(row);
  }
  async markDelivered(id2, result) {
    const record2 = { channel: result.channel, ok: result.ok, at: result.at };
    if (result.error !== void 0) record2.error = result.error;
    const params = [JSON.stringify(record2), result.ok ? 1 : 0, id2];
    const writer = this.db.writer;
    if (writer) await writer.exec([{ sql: DELIVER_SQL, params }]);
    else this.deliver.run(params);
  }
  async queryAlerts(query) {
    const { sql: where, params } = whereClause([
      ["window_start >= ?", query.from],
      ["window_start < ?", query.to],
      ["grp = ?", query.group],
      ["rule = ?", query.rule]
    ]);
    const limit2 = query.limit === void 0 || !Number.isFinite(query.limit) ? 100 : Math.floor(query.limit);
    params.push(Math.max(0, limit2));
    const sql = `SELECT firing, state, deliveries FROM alerts${where}
      ORDER BY fired_at DESC, window_start DESC, rowid LIMIT ?`;
    return this.queries.get(sql).all(...params).map(toAlert);
  }
};
function toAlert(r) {
  const firing = JSON.parse(r.firing);
  return { ...firing, state: r.state, deliveries: JSON.parse(r.deliveries) };
}

// src/adapters/local/sqlite/SqliteDatabase.ts
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";

// src/adapters/local/sqlite/errors.ts
var SchemaVersionError = class extends Error {
  name = "SchemaVersionError";
  constructor(path, found, known) {
    super(
      `SQLite database ${path} has schema version ${found}, newer than this logsift knows (${known}): upgrade logsift or use another --data folder`
    );
  }
};
var MigrationError = class extends Error {
  name = "MigrationError";
};
var WriterThreadError = class extends Error {
  name = "WriterThreadError";
};

// src/adapters/local/sqlite/SqliteWriter.ts
import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";

// src/adapters/local/sqlite/writerSource.ts
var WRITER_SOURCE = `
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
  // Copies the writer's commits into the database file as they come (every 10 ms under load, every
  // 250 ms when idle), so the copying and its fsyncs leave the writer: its own checkpoints (a
  // safety net at 4000 pages) find little or nothing left to copy.
  let lastLog = -1;
  const tick = () => {
    if (!db.open) return;
    let next = 250;
    try {
      const [r] = db.pragma('wal_checkpoint(PASSIVE)');
      if (r.log !== lastLog || r.checkpointed < r.log) next = 10;
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

  function putEvents(m) {
    const before = prepared(m.maxSeqSql).pluck().get();
    const written = insertRows(m);
    if (written > 0) prepared(m.indexSql).run(before);
    return written;
  }
  const putEventsTx = db.transaction(putEvents);

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
      case 'events':
        return putEventsTx.immediate(m);
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

  function runNext() {
    scheduled = false;
    const m = pick();
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

// src/adapters/local/sqlite/SqliteWriter.ts
var SqliteWriter = class {
  worker;
  checkpointer;
  checkpointerExit;
  pending = /* @__PURE__ */ new Map();
  nextId = 0;
  failure;
  closing;
  constructor(path, options) {
    if (path === ":memory:" || path === "")
      throw new WriterThreadError(
        "a writer thread needs a database file: an in-memory database has one connection"
      );
    const betterSqlite3 = createRequire(import.meta.url).resolve("better-sqlite3");
    this.worker = new Worker(WRITER_SOURCE, { eval: true, workerData: { betterSqlite3, path, options } });
    this.checkpointer = new Worker(WRITER_SOURCE, {
      eval: true,
      workerData: { betterSqlite3, path, options, role: "checkpointer" }
    });
    this.checkpointer.unref();
    this.checkpointerExit = new Promise((ok) => this.checkpointer.once("exit", () => ok()));
    this.checkpointer.on("error", () => void 0);
    this.worker.unref();
    this.worker.on(
      "message",
      (m) => {
        const p = this.pending.get(m.id);
        if (!p) return;
        this.pending.delete(m.id);
        if (this.pending.size === 0) this.worker.unref();
        if (m.error) p.reject(Object.assign(new Error(m.error.message), m.error));
        else p.resolve(m.result);
      }
    );
    this.worker.on("error", (err) => this.fail(err));
    this.worker.on("exit", () => this.fail(new WriterThreadError("the SQLite writer thread has stopped")));
  }
  /** Runs statements in order, in one IMMEDIATE transaction when `tx`; answers each one's result. */
  exec(steps, tx = false) {
    return this.send({ op: "exec", steps, tx });
  }
  /** Inserts a batch of events (INSERT OR IGNORE) and indexes the new ones; answers how many were new. */
  putEvents(write) {
    return this.send({ op: "events", ...write });
  }
  /** Applies a batch's windows once; answers whether it did and each window's row after it (null when none). */
  applyMetrics(write) {
    return this.send({ op: "metrics", ...write });
  }
  /** A PASSIVE WAL checkpoint, after the writes sent before it. */
  async checkpoint() {
    if (this.closing) return;
    await this.send({ op: "checkpoint" });
  }
  /** Waits for the writes sent before, closes both threads' connections and ends the threads. Idempotent. */
  close() {
    if (!this.closing) {
      const writer = this.send({ op: "close" }).catch(() => void 0);
      this.checkpointer.ref();
      this.checkpointer.postMessage("close");
      this.closing = Promise.all([writer, this.checkpointerExit]).then(() => void 0);
    }
    return this.closing;
  }
  send(message) {
    if (this.failure) return Promise.reject(this.failure);
    if (this.closing) return Promise.reject(new WriterThreadError("the SQLite writer is closed"));
    const id2 = this.nextId++;
    return new Promise((resolve2, reject) => {
      if (this.pending.size === 0) this.worker.ref();
      this.pending.set(id2, { resolve: resolve2, reject });
      this.worker.postMessage({ id: id2, ...message });
    });
  }
  fail(err) {
    this.failure ??= err;
    for (const p of this.pending.values()) p.reject(this.failure);
    this.pending.clear();
  }
};

// src/adapters/local/sqlite/schema/migrate.ts
function migrate(db, migrations, path) {
  checkOrder(migrations);
  const latest = migrations.at(-1)?.version ?? 0;
  const from = userVersion(db);
  if (from > latest) throw new SchemaVersionError(path, from, latest);
  if (from === latest) return { from, to: from };
  for (const m of migrations) {
    if (m.version <= from) continue;
    db.transaction(() => {
      const current = userVersion(db);
      if (current >= m.version) return;
      db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
        version INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        applied_at INTEGER NOT NULL
      )`);
      try {
        db.exec(m.up);
      } catch (err) {
        throw new MigrationError(
          `migration ${m.version} (${m.name}) failed on ${path}: ${err.message}`,
          {
            cause: err
          }
        );
      }
      db.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)").run(
        m.version,
        m.name,
        Date.now()
      );
      db.pragma(`user_version = ${m.version}`);
    }).immediate();
  }
  return { from, to: latest };
}
function userVersion(db) {
  return db.pragma("user_version", { simple: true });
}
function checkOrder(migrations) {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1 || !Number.isInteger(m.version))
      throw new MigrationError(`migration "${m.name}" has version ${m.version}, expected ${i + 1}`);
  });
}

// src/adapters/local/sqlite/schema/migrations.ts
var initial = `
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
var ftsAutomerge = `INSERT INTO events_fts (events_fts, rank) VALUES ('automerge', 8);`;
var MIGRATIONS = [
  { version: 1, name: "initial schema", up: initial },
  { version: 2, name: "fts automerge 8", up: ftsAutomerge }
];

// src/adapters/local/sqlite/SqliteDatabase.ts
var SqliteDatabase = class _SqliteDatabase {
  constructor(connection, path, schema, writer) {
    this.connection = connection;
    this.path = path;
    this.schema = schema;
    this.writer = writer;
  }
  connection;
  path;
  schema;
  writer;
  leases = 0;
  /** Opens (creating the file and its folder when missing) and migrates. `:memory:` works too. */
  static open(path, options = {}) {
    const inMemory = path === ":memory:" || path === "";
    if (inMemory && options.writer === "thread")
      throw new WriterThreadError(
        "writer: 'thread' needs a database file: an in-memory database cannot be shared with a second connection"
      );
    if (!inMemory) mkdirSync(dirname(path), { recursive: true });
    const busyTimeoutMs = Math.max(0, Math.floor(options.busyTimeoutMs ?? 5e3));
    const cacheSizeKiB = Math.max(1024, Math.floor(options.cacheSizeKiB ?? 32768));
    const db = new Database(path, { timeout: busyTimeoutMs });
    try {
      if (!inMemory) db.pragma("journal_mode = WAL");
      db.pragma("synchronous = NORMAL");
      db.pragma("foreign_keys = ON");
      db.pragma(`cache_size = ${-cacheSizeKiB}`);
      db.pragma("temp_store = MEMORY");
      db.pragma("journal_size_limit = 67108864");
      const schema = migrate(db, options.migrations ?? MIGRATIONS, path);
      db.pragma("analysis_limit = 1000");
      db.pragma("optimize = 0x10002");
      const writer = options.writer === "thread" ? new SqliteWriter(path, { busyTimeoutMs, cacheSizeKiB }) : void 0;
      return new _SqliteDatabase(db, path, schema, writer);
    } catch (err) {
      db.close();
      throw err;
    }
  }
  get open() {
    return this.connection.open;
  }
  /** Takes a lease; call the returned function once to give it back. */
  acquire() {
    this.leases++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      if (--this.leases <= 0) this.close();
    };
  }
  /**
   * Copies committed WAL pages into the database file (PASSIVE: never waits for readers). With a
   * writer thread, the thread does it after the writes sent before.
   */
  async checkpoint() {
    if (this.writer) return this.writer.checkpoint();
    if (this.connection.open && !this.connection.memory) this.connection.pragma("wal_checkpoint(PASSIVE)");
  }
  /**
   * Refreshes planner statistics and closes. Idempotent. The writer thread, if any, closes after
   * the writes already sent: await `closed()` to wait for it.
   */
  close() {
    void this.writer?.close();
    if (!this.connection.open) return;
    this.connection.pragma("optimize");
    this.connection.close();
  }
  /** Waits for the writer thread (if any) to finish its writes and close, then closes. */
  async closed() {
    await this.writer?.close();
    this.close();
  }
};

// src/adapters/local/sqlite/SqliteEventStore.ts
import { setImmediate as yieldToEventLoop } from "node:timers/promises";

// src/core/memory/paging.ts
function normalizeLimit(limit2) {
  if (limit2 === void 0 || !Number.isFinite(limit2) || limit2 <= 0) return 100;
  return Math.min(1e3, Math.floor(limit2));
}
function encodeCursor(p) {
  return Buffer.from(JSON.stringify([p.timestamp, p.group, p.id])).toString("base64url");
}
function decodeCursor(cursor) {
  try {
    const [timestamp, group, id2] = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (typeof timestamp === "number" && typeof group === "string" && typeof id2 === "string")
      return { timestamp, group, id: id2 };
  } catch {
  }
  throw new InvalidCursorError(cursor);
}
var InvalidCursorError = class extends Error {
  name = "InvalidCursorError";
  constructor(cursor) {
    super(`invalid cursor "${cursor.slice(0, 40)}": pass nextCursor from a previous page unchanged`);
  }
};

// src/adapters/local/sqlite/ftsQuery.ts
var MAX_TERMS = 16;
var WORD = /[\p{L}\p{N}\p{Co}]/u;
function toFtsQuery(q) {
  const substrings = [];
  if (!q) return { substrings };
  const phrases = [];
  const terms = q.split(/\s+/);
  for (const term of terms) {
    if (term === "") continue;
    if (phrases.length + substrings.length >= MAX_TERMS) break;
    if (WORD.test(term)) phrases.push(`"${term.replaceAll('"', '""')}"`);
    else substrings.push(term);
  }
  if (phrases.length === 0) return { substrings };
  return { match: `${phrases.join(" ")}*`, substrings };
}

// src/adapters/local/sqlite/SqliteEventStore.ts
var PARAMS_PER_ROW = 13;
var ROWS_PER_INSERT = 32;
function bindRow(params, at, e) {
  params[at] = e.group;
  params[at + 1] = e.id;
  params[at + 2] = e.stream;
  params[at + 3] = e.timestamp;
  params[at + 4] = e.severity;
  params[at + 5] = e.message;
  params[at + 6] = JSON.stringify(e.fields);
  params[at + 7] = e.patternId ?? null;
  params[at + 8] = e.template ?? null;
  params[at + 9] = e.correlationId ?? null;
  params[at + 10] = e.batchId;
  params[at + 11] = e.truncated === void 0 ? null : e.truncated ? 1 : 0;
  params[at + 12] = e.expiresAt ?? null;
}
var insertSql = (rows) => `INSERT OR IGNORE INTO events
    (grp, id, stream, ts, severity, message, fields, pattern_id, template, correlation_id, batch_id, truncated, expires_at)
   VALUES ${Array(rows).fill(`(${Array(PARAMS_PER_ROW).fill("?").join(", ")})`).join(", ")}`;
var INSERT_ONE_SQL = insertSql(1);
var INSERT_MANY_SQL = insertSql(ROWS_PER_INSERT);
var MAX_SEQ_SQL = "SELECT coalesce(max(seq), 0) FROM events";
var INDEX_TEXT_SQL = "INSERT INTO events_fts (rowid, message) SELECT seq, message FROM events WHERE seq > ?";
var FEW_MATCHES = 2e3;
var COUNT_MATCHES_SQL = "SELECT count(*) FROM (SELECT rowid FROM events_fts WHERE events_fts MATCH ? LIMIT ?)";
var DELETE_EXPIRED_SQL = "DELETE FROM events WHERE seq IN (SELECT seq FROM events WHERE expires_at <= ? ORDER BY expires_at LIMIT ?)";
var COLUMNS = "e.grp, e.id, e.stream, e.ts, e.severity, e.message, e.fields, e.pattern_id, e.template, e.correlation_id, e.batch_id, e.truncated, e.expires_at";
var SqliteEventStore = class extends SqliteStore {
  insertOne;
  insertMany;
  insertAll;
  indexText;
  maxSeq;
  deleteExpired;
  countMatches;
  queries;
  purgeChunkSize;
  constructor(db, options = {}) {
    super(db);
    const c2 = db.connection;
    this.queries = new StatementCache(c2);
    this.purgeChunkSize = Math.max(1, Math.floor(options.purgeChunkSize ?? 5e3));
    this.insertOne = c2.prepare(INSERT_ONE_SQL);
    this.insertMany = c2.prepare(INSERT_MANY_SQL);
    this.maxSeq = c2.prepare(MAX_SEQ_SQL).pluck();
    this.indexText = c2.prepare(INDEX_TEXT_SQL);
    const many = new Array(ROWS_PER_INSERT * PARAMS_PER_ROW);
    const one = new Array(PARAMS_PER_ROW);
    this.insertAll = c2.transaction((events) => {
      const before = this.maxSeq.get();
      let written = 0;
      let i = 0;
      for (; i + ROWS_PER_INSERT <= events.length; i += ROWS_PER_INSERT) {
        for (let r = 0; r < ROWS_PER_INSERT; r++) bindRow(many, r * PARAMS_PER_ROW, events[i + r]);
        written += this.insertMany.run(many).changes;
      }
      for (; i < events.length; i++) {
        bindRow(one, 0, events[i]);
        written += this.insertOne.run(one).changes;
      }
      if (written > 0) this.indexText.run(before);
      return written;
    });
    this.deleteExpired = c2.prepare(DELETE_EXPIRED_SQL);
    this.countMatches = c2.prepare(COUNT_MATCHES_SQL).pluck();
  }
  async putEvents(events) {
    if (events.length === 0) return { written: 0, duplicates: 0 };
    const writer = this.db.writer;
    const written = writer ? await writer.putEvents(threadWrite(events)) : this.insertAll.immediate(events);
    return { written, duplicates: events.length - written };
  }
  async queryEvents(query) {
    const limit2 = normalizeLimit(query.limit);
    const after = query.cursor ? decodeCursor(query.cursor) : void 0;
    const where = [];
    const params = [];
    const text = toFtsQuery(query.q);
    if (text.match !== void 0) {
      const seq = narrowed(query) || this.fewMatches(text.match) ? "e.seq" : "+e.seq";
      where.push(`${seq} IN (SELECT rowid FROM events_fts WHERE events_fts MATCH ?)`);
      params.push(text.match);
    }
    for (const s of text.substrings) {
      where.push("instr(e.message, ?) > 0");
      params.push(s);
    }
    if (query.group !== void 0) {
      where.push("e.grp = ?");
      params.push(query.group);
    }
    if (query.severity !== void 0) {
      where.push("e.severity = ?");
      params.push(query.severity);
    }
    if (query.patternId !== void 0) {
      where.push("e.pattern_id = ?");
      params.push(query.patternId);
    }
    if (query.correlationId !== void 0) {
      where.push("e.correlation_id = ?");
      params.push(query.correlationId);
    }
    if (query.from !== void 0) {
      where.push("e.ts >= ?");
      params.push(query.from);
    }
    if (query.to !== void 0) {
      where.push("e.ts < ?");
      params.push(query.to);
    }
    if (after) {
      where.push("e.ts <= ? AND (e.ts < ? OR (e.ts = ? AND (e.grp > ? OR (e.grp = ? AND e.id > ?))))");
      params.push(after.timestamp, after.timestamp, after.timestamp, after.group, after.group, after.id);
    }
    if (query.from === void 0 && query.to === void 0 && !after && !narrowed(query)) {
      where.push("e.ts < ?");
      params.push(Number.MAX_SAFE_INTEGER);
    }
    params.push(limit2 + 1);
    const sql = `SELECT ${COLUMNS} FROM events e${where.length ? ` WHERE ${where.join(" AND ")}` : ""}
      ORDER BY e.ts DESC, e.grp, e.id LIMIT ?`;
    const rows = this.queries.get(sql).all(...params);
    const more = rows.length > limit2;
    const events = (more ? rows.slice(0, limit2) : rows).map(toEvent);
    const last = events[events.length - 1];
    return more && last ? { events, nextCursor: encodeCursor(last) } : { events };
  }
  /** True when the FTS expression has at most FEW_MATCHES matches (counted up to one more). */
  fewMatches(match) {
    return this.countMatches.get(match, FEW_MATCHES + 1) <= FEW_MATCHES;
  }
  /**
   * Deletes in chunks of `purgeChunkSize` rows, one short transaction each, yielding to the event
   * loop between chunks so a purge of millions of rows does not stall ingest or queries.
   * The FTS index follows through the delete trigger.
   */
  async purgeExpired(now) {
    let total = 0;
    for (; ; ) {
      const writer = this.db.writer;
      const n = writer ? (await writer.exec([{ sql: DELETE_EXPIRED_SQL, params: [now, this.purgeChunkSize] }]))[0] : this.deleteExpired.run(now, this.purgeChunkSize).changes;
      total += n;
      if (n < this.purgeChunkSize) return total;
      await yieldToEventLoop();
    }
  }
};
function threadWrite(events) {
  const params = new Array(events.length * PARAMS_PER_ROW);
  for (let i = 0; i < events.length; i++) bindRow(params, i * PARAMS_PER_ROW, events[i]);
  return {
    insertOneSql: INSERT_ONE_SQL,
    insertManySql: INSERT_MANY_SQL,
    maxSeqSql: MAX_SEQ_SQL,
    indexSql: INDEX_TEXT_SQL,
    rowsPerInsert: ROWS_PER_INSERT,
    paramsPerRow: PARAMS_PER_ROW,
    params
  };
}
function narrowed(q) {
  return q.group !== void 0 || q.severity !== void 0 || q.patternId !== void 0 || q.correlationId !== void 0;
}
function toEvent(r) {
  const e = {
    id: r.id,
    group: r.grp,
    stream: r.stream,
    timestamp: r.ts,
    severity: r.severity,
    message: r.message,
    fields: JSON.parse(r.fields),
    batchId: r.batch_id
  };
  if (r.pattern_id !== null) e.patternId = r.pattern_id;
  if (r.template !== null) e.template = r.template;
  if (r.correlation_id !== null) e.correlationId = r.correlation_id;
  if (r.truncated !== null) e.truncated = r.truncated === 1;
  if (r.expires_at !== null) e.expiresAt = r.expires_at;
  return e;
}

// src/adapters/local/sqlite/SqliteHeartbeatStore.ts
var RECORD_SQL = `INSERT INTO heartbeats (grp, stream, owner, first_seen, last_seen, count) VALUES (?, ?, ?, ?, ?, 1)
   ON CONFLICT (grp, stream) DO UPDATE SET
     owner = coalesce(excluded.owner, owner),
     first_seen = min(first_seen, excluded.first_seen),
     last_seen = max(last_seen, excluded.last_seen),
     count = count + 1`;
var SqliteHeartbeatStore = class {
  record;
  list;
  listGroup;
  writer;
  constructor(db) {
    const c2 = db.connection;
    this.writer = db.writer;
    this.record = c2.prepare(RECORD_SQL);
    this.list = c2.prepare("SELECT * FROM heartbeats ORDER BY last_seen DESC, grp, stream");
    this.listGroup = c2.prepare("SELECT * FROM heartbeats WHERE grp = ? ORDER BY last_seen DESC, stream");
  }
  async recordHeartbeat(batch, at) {
    const params = [batch.group, batch.stream, batch.owner ?? null, at, at];
    if (this.writer) await this.writer.exec([{ sql: RECORD_SQL, params }]);
    else this.record.run(params);
  }
  /** Every destination seen, most recent first; or those of one group. */
  listHeartbeats(group) {
    const rows = group === void 0 ? this.list.all() : this.listGroup.all(group);
    return rows.map((r) => {
      const h = {
        group: r.grp,
        stream: r.stream,
        firstSeen: r.first_seen,
        lastSeen: r.last_seen,
        count: r.count
      };
      if (r.owner !== null) h.owner = r.owner;
      return h;
    });
  }
};

// src/core/ports.ts
var systemClock = { now: () => Date.now() };

// src/adapters/local/sqlite/SqliteMetricStore.ts
var merge = (column, fn) => `(SELECT json_group_object(key, v) FROM (
      SELECT key, ${fn}(value) AS v FROM (
        SELECT key, value FROM json_each(metric_windows.${column})
        UNION ALL SELECT key, value FROM json_each(excluded.${column}))
      GROUP BY key))`;
var LEDGER_SQL = "INSERT OR IGNORE INTO batch_ledger (batch_id, windows_end, applied_at) VALUES (?, ?, ?)";
var UPSERT_SQL = `INSERT INTO metric_windows (grp, window_start, window_end, counters, maxima)
   VALUES (?, ?, ?, json(?), json(?))
   ON CONFLICT (grp, window_start) DO UPDATE SET
     counters = ${merge("counters", "sum")},
     maxima = ${merge("maxima", "max")}`;
var READ_WINDOW_SQL = "SELECT grp, window_start, window_end, counters, maxima FROM metric_windows WHERE grp = ? AND window_start = ?";
var DELETE_WINDOWS_SQL = "DELETE FROM metric_windows WHERE window_end <= ?";
var DELETE_LEDGER_SQL = "DELETE FROM batch_ledger WHERE windows_end <= ?";
var SqliteMetricStore = class extends SqliteStore {
  constructor(db, clock = systemClock) {
    super(db);
    this.clock = clock;
    const c2 = db.connection;
    this.queries = new StatementCache(c2);
    this.ledgerInsert = c2.prepare(LEDGER_SQL);
    this.upsert = c2.prepare(UPSERT_SQL);
    this.readWindow = c2.prepare(READ_WINDOW_SQL);
    const deleteWindows = c2.prepare(DELETE_WINDOWS_SQL);
    const deleteLedger = c2.prepare(DELETE_LEDGER_SQL);
    this.apply = c2.transaction((batchId, deltas) => {
      let windowsEnd = 0;
      for (const d of deltas) if (d.end > windowsEnd) windowsEnd = d.end;
      const applied = this.ledgerInsert.run(batchId, windowsEnd, this.clock.now()).changes === 1;
      if (applied) {
        for (const d of deltas)
          this.upsert.run(d.group, d.start, d.end, JSON.stringify(d.counters), JSON.stringify(d.maxima));
      }
      const windows = deltas.map((d) => {
        const row = this.readWindow.get(d.group, d.start);
        return row ? toWindow(row) : structuredClone(d);
      });
      return { applied, windows };
    });
    this.purge = c2.transaction((before) => {
      const n = deleteWindows.run(before).changes;
      deleteLedger.run(before);
      return n;
    });
  }
  clock;
  ledgerInsert;
  upsert;
  readWindow;
  apply;
  purge;
  queries;
  async applyBatch(batchId, deltas) {
    const writer = this.db.writer;
    if (!writer) return this.apply.immediate(batchId, deltas);
    const windows = new Array(deltas.length * 5);
    for (let i = 0; i < deltas.length; i++) {
      const d = deltas[i];
      windows[i * 5] = d.group;
      windows[i * 5 + 1] = d.start;
      windows[i * 5 + 2] = d.end;
      windows[i * 5 + 3] = JSON.stringify(d.counters);
      windows[i * 5 + 4] = JSON.stringify(d.maxima);
    }
    const { applied, rows } = await writer.applyMetrics({
      ledgerSql: LEDGER_SQL,
      upsertSql: UPSERT_SQL,
      readSql: READ_WINDOW_SQL,
      batchId,
      now: this.clock.now(),
      windows
    });
    return {
      applied,
      windows: deltas.map((d, i) => {
        const row = rows[i];
        return row ? toWindow(row) : structuredClone(d);
      })
    };
  }
  async queryWindows(query) {
    const { sql: where, params } = whereClause([
      ["grp = ?", query.group],
      ["window_start >= ?", query.from],
      ["window_start < ?", query.to]
    ]);
    const sql = `SELECT grp, window_start, window_end, counters, maxima FROM metric_windows${where}`;
    const rows = this.queries.get(sql).all(...params);
    return rows.map(toWindow).sort((a2, b) => a2.start - b.start || a2.group.localeCompare(b.group));
  }
  /** Deletes windows that ended at or before `before`, and ledger rows whose windows all did. */
  async purgeBefore(before) {
    const writer = this.db.writer;
    if (!writer) return this.purge.immediate(before);
    const [windows] = await writer.exec(
      [
        { sql: DELETE_WINDOWS_SQL, params: [before] },
        { sql: DELETE_LEDGER_SQL, params: [before] }
      ],
      true
    );
    return windows;
  }
};
function toWindow(r) {
  return {
    group: r.grp,
    start: r.window_start,
    end: r.window_end,
    counters: JSON.parse(r.counters),
    maxima: JSON.parse(r.maxima)
  };
}

// src/adapters/local/sqlite/SqlitePatternStateStore.ts
var SAVE_SQL = `INSERT INTO pattern_state (grp, state, updated_at) VALUES (?, ?, ?)
   ON CONFLICT (grp) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at`;
var SqlitePatternStateStore = class extends SqliteStore {
  constructor(db, clock = systemClock) {
    super(db);
    this.clock = clock;
    const c2 = db.connection;
    this.load = c2.prepare("SELECT state FROM pattern_state WHERE grp = ?").pluck();
    this.save = c2.prepare(SAVE_SQL);
  }
  clock;
  load;
  save;
  async loadPatternState(group) {
    const text = this.load.get(group);
    return text === void 0 ? void 0 : JSON.parse(text);
  }
  async savePatternState(group, state) {
    const params = [group, JSON.stringify(state), this.clock.now()];
    const writer = this.db.writer;
    if (writer) await writer.exec([{ sql: SAVE_SQL, params }]);
    else this.save.run(params);
  }
};

// src/adapters/local/sqlite/index.ts
function openSqliteStores(path, options = {}) {
  const db = SqliteDatabase.open(path, options);
  const clock = options.clock;
  const events = new SqliteEventStore(
    db,
    options.purgeChunkSize === void 0 ? {} : { purgeChunkSize: options.purgeChunkSize }
  );
  const metrics = new SqliteMetricStore(db, clock);
  const alerts = new SqliteAlertStore(db);
  const patterns = new SqlitePatternStateStore(db, clock);
  const heartbeats = new SqliteHeartbeatStore(db);
  return {
    db,
    events,
    metrics,
    alerts,
    patterns,
    heartbeats,
    async close() {
      await Promise.all([events.close(), metrics.close(), alerts.close(), patterns.close()]);
      await db.closed();
    }
  };
}

// bench/loghub.ts
import { existsSync, readFileSync } from "node:fs";
import { dirname as dirname2, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
var LOGHUB_SYSTEMS = [
  "Android",
  "Apache",
  "BGL",
  "HDFS",
  "OpenSSH",
  "Spark",
  "Windows",
  "Zookeeper"
];
function mapLoghubLevel(level) {
  switch (level.trim().toUpperCase()) {
    case "FATAL":
      return "CRITICAL";
    case "SEVERE":
    case "ERROR":
    case "E":
      return "ERROR";
    case "WARN":
    case "WARNING":
    case "W":
      return "WARNING";
    case "INFO":
    case "I":
    case "NOTICE":
      return "INFO";
    case "DEBUG":
    case "D":
    case "V":
    case "VERBOSE":
      return "DEBUG";
    default:
      return void 0;
  }
}
function loghubDir() {
  if (process.env.LOGHUB_DIR) return resolve(process.env.LOGHUB_DIR);
  const repo = resolve(dirname2(fileURLToPath(import.meta.url)), "..");
  let dir2 = repo;
  while (!existsSync(join(dir2, "package.json")) && dirname2(dir2) !== dir2) dir2 = dirname2(dir2);
  return resolve(dir2, "..", "shared", "data", "loghub2k");
}
function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = "";
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
    else if (ch === ",") {
      row.push(field);
      field = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += ch;
  }
  if (field !== "" || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}
function loadLoghub(system, dir2 = loghubDir()) {
  const base = join(dir2, system);
  const rawLines = readFileSync(join(base, `${system}_2k.log`), "utf8").split(/\r?\n/);
  const [header, ...records] = parseCsv(
    readFileSync(join(base, `${system}_2k.log_structured_corrected.csv`), "utf8")
  );
  if (!header) throw new Error(`${system}: empty structured CSV`);
  const col = (name) => header.indexOf(name);
  const [iLine, iContent, iEvent, iTemplate, iLevel] = [
    col("LineId"),
    col("Content"),
    col("EventId"),
    col("EventTemplate"),
    col("Level")
  ];
  return records.filter((r) => r.length >= header.length).map((r) => {
    const lineId = Number(r[iLine]);
    const rawLevel = iLevel >= 0 ? r[iLevel] : void 0;
    const row = {
      lineId,
      raw: rawLines[lineId - 1] ?? "",
      content: r[iContent] ?? "",
      eventId: r[iEvent] ?? "",
      eventTemplate: r[iTemplate] ?? ""
    };
    if (rawLevel !== void 0) {
      row.rawLevel = rawLevel;
      const level = mapLoghubLevel(rawLevel);
      if (level) row.level = level;
    }
    return row;
  });
}

// ../../tmp/sq.mts
var variant = process.argv[2] ?? "base";
var lines = LOGHUB_SYSTEMS.flatMap((s) => loadLoghub(s, "/work/shared/data/loghub2k").map((r) => r.raw));
var a = new Analyzer(parseConfig({}));
var batches = [];
var id = 0;
for (let b = 0; b < 70; b++) {
  const evs = Array.from({ length: 1e3 }, (_, i) => ({ id: String(++id), timestamp: 17641584e5 + id * 10, message: lines[id % lines.length] }));
  batches.push(a.analyze({ id: `b${b}`, group: "/bench/load", stream: `s${b % 4}`, source: "cloudwatch", events: evs }).events);
}
var dir = mkdtempSync(join2(tmpdir(), "sq-"));
var stores = openSqliteStores(join2(dir, "x.db"));
var c = stores.db.connection;
if (variant.includes("nofts")) {
  stores.events.indexText = { run() {
  } };
}
for (const ix of ["events_group_time", "events_time", "events_severity_time", "events_pattern", "events_correlation", "events_expiry"]) if (variant.includes(ix)) c.exec(`DROP INDEX ${ix}`);
for (let i = 0; i < 20; i++) await stores.events.putEvents(batches[i]);
for (const [name, opts] of [["detailnone", "detail=none, tokenize='unicode61 remove_diacritics 2'"], ["detailcol", "detail=column, tokenize='unicode61 remove_diacritics 2'"], ["ascii", "tokenize='ascii'"], ["nodiac", "tokenize='unicode61 remove_diacritics 0'"]]) if (variant.includes(name)) c.exec(`DROP TRIGGER events_fts_delete; DROP TRIGGER events_fts_update; DROP TABLE events_fts; CREATE VIRTUAL TABLE events_fts USING fts5(message, content='events', content_rowid='seq', columnsize=0, ${opts});`);
if (variant.includes("am8")) c.exec("INSERT INTO events_fts(events_fts, rank) VALUES('automerge', 8); INSERT INTO events_fts(events_fts, rank) VALUES('crisismerge', 32);");
if (variant.includes("am16")) c.exec("INSERT INTO events_fts(events_fts, rank) VALUES('automerge', 16); INSERT INTO events_fts(events_fts, rank) VALUES('crisismerge', 64);");
if (variant.includes("am0")) c.exec("INSERT INTO events_fts(events_fts, rank) VALUES('automerge', 0);");
if (variant.includes("asc")) {
  c.exec(`DROP INDEX events_time; CREATE INDEX events_time ON events (ts); DROP INDEX events_group_time; CREATE INDEX events_group_time ON events (grp, ts, id); DROP INDEX events_severity_time; CREATE INDEX events_severity_time ON events (severity, ts); DROP INDEX events_pattern; CREATE INDEX events_pattern ON events (pattern_id, ts) WHERE pattern_id IS NOT NULL;`);
}
var t = performance.now();
for (let i = 20; i < 70; i++) await stores.events.putEvents(batches[i]);
var us = (performance.now() - t) * 1e3 / 5e4;
console.log(variant.padEnd(28), us.toFixed(2), "us/event");
await stores.close();
