/**
 * Online log template miner: turns lines into templates such as
 * `Connection to <*> timed out after <*> ms`, one line at a time, with the id returned at once.
 *
 * Method (Drain family, with ideas from Drain3, Brain and adaptive merging; no per-system rules):
 * 1. Tokens are split on whitespace (a short double-quoted value stays one token) and masked
 *    (numbers, hex, UUIDs, IPs, paths, URLs, times, day/month names, emails, and any word still
 *    holding a digit); runs of `<*>` collapse into one and a unit after a value joins it
 *    (`5.2 KB`). See masking.ts and tokenize.ts.
 * 2. Patterns are bucketed by token count. A line joins the most similar pattern of its bucket
 *    (share of the pattern's constants it repeats >= `similarity`), except when it differs on a
 *    "hard" position: two different words (letters only: `Starting`/`Ending`,
 *    `Accepted`/`Failed`) or two `key=value` with different keys. Words are usually the
 *    message's wording, while dotted names, paths, quoted values and `true`/`false` are values.
 * 3. Joining generalizes the template: a differing token becomes `<*>`, or `key=<*>,` when both
 *    are values of one key (kept as a partial wildcard, matched as a glob).
 * 4. Adaptive merging (the online form of Brain's "frequent tokens are constants"): patterns
 *    identical but for one word at one position are kept apart while they are two, and merged
 *    into one with `<*>` there once they are three or more (user names, host names...), unless
 *    the word is the first token or the template would keep too few constants. After any
 *    template change, patterns of the bucket that it covers (or that cover it) are merged too.
 * 5. At most `maxPatterns` patterns; the least recently seen (by arrival, not event time) is
 *    evicted. Lines whose masked form was seen before skip the search through a cache that is
 *    only used while its bucket is unchanged, so it never changes a result.
 *
 * Pattern ids, what is guaranteed:
 * - An id is `sha1(scheme, masked tokens of the pattern's first line)` (16 hex chars), computed
 *   once at the pattern's birth and kept when its template generalizes.
 * - Two miners with the same options fed the same lines in the same order return the same ids and
 *   templates, in any process (no counters, no randomness, no clock in the id or the grouping).
 * - A restored snapshot fed the rest of a stream returns exactly what the original would have.
 * - The same id in two processes means the same pattern: both were born from the same masked line.
 * - When two patterns merge, the older one (earlier birth) keeps its id and the other id becomes
 *   an alias: `resolve(oldId)` returns the survivor (up to 64 aliases per pattern are kept).
 * What is not guaranteed:
 * - Two processes that first see a pattern through different lines give it different ids when
 *   the lines differ in a variable that masking did not hide (a user name, a host name); each id
 *   is stable in its process. Most variables are masked (numbers, ids, addresses, times...), so
 *   most patterns have one masked form and get the same id everywhere. An id derived from the
 *   template's constants alone would be order-independent but could name two different patterns
 *   in two processes, which is worse for stores that aggregate by id.
 * - Grouping depends on arrival order (as for every online miner). Ids and aliases of evicted
 *   patterns are forgotten; a pattern born again gets the id of its new first line.
 */
import { PatternOptionsError } from './errors.js';
import { patternIdFor } from './ids.js';
import {
  BUILTIN_MASKERS,
  type BuiltinMaskerName,
  compileMasking,
  WILDCARD as MASK,
  type Masking,
  type RegexMasker,
} from './masking.js';
import {
  type PatternSnapshot,
  parseSnapshot,
  SNAPSHOT_FORMAT,
  SNAPSHOT_VERSION,
  type SnapshotMasker,
  type SnapshotPattern,
} from './snapshot.js';
import { tokenize } from './tokenize.js';

export interface PatternMinerOptions {
  /**
   * Similarity in [0, 1] a line needs with a pattern to join it: the share of the pattern's
   * constant tokens the line repeats at the same positions. Higher makes more, narrower
   * patterns. Default 0.5 (0.4 to 0.5 score the same on Loghub-2k; 0.6 splits more).
   */
  similarity?: number;
  /** Max patterns kept per miner (one miner per log group); least recently seen evicted beyond it. Default 1000. */
  maxPatterns?: number;
  /** Built-in maskers applied before mining, by name. Default all of BUILTIN_MASKERS. */
  maskers?: readonly BuiltinMaskerName[];
  /** Extra regex maskers applied to the whole line before the built-ins: `{ name, pattern, flags?, replacement? }`. Default none. */
  extraMaskers?: readonly RegexMasker[];
  /** Max tokens considered per line (long lines are truncated for mining). Default 128. */
  maxTokens?: number;
}

export interface PatternMatch {
  patternId: string;
  template: string;
  /** True when this line created the pattern. */
  isNew: boolean;
}

export interface PatternInfo {
  id: string;
  template: string;
  count: number;
  /** Smallest event time seen, epoch ms. */
  firstSeen: number;
  /** Largest event time seen, epoch ms. */
  lastSeen: number;
  /** The first line of the pattern, truncated to 500 characters. */
  example: string;
  /** Ids of patterns merged into this one. */
  aliases: string[];
}

/** The wildcard, read once (a module binding read in hot loops costs a getter under some loaders). */
const WILD: string = MASK;

/** Example lines are cut to this many characters (bounded memory). */
export const EXAMPLE_MAX_CHARS = 500;
/** Merged-away ids remembered per pattern, oldest forgotten first. */
const MAX_ALIASES_PER_PATTERN = 64;
/** Exact-line cache entries; cleared when full (it only saves work). */
const CACHE_MAX = 20_000;
/**
 * Patterns identical but for one word, in this many distinct variants, are one pattern whose
 * word is a variable (user names, hosts...). Two variants (`Starting`/`Ending`,
 * `Accepted`/`Failed`) stay apart: they are usually different events.
 */
const SIBLINGS_TO_MERGE = 3;

interface Cluster {
  id: string;
  seq: number;
  tokens: string[];
  /** Positions holding a partial wildcard such as `name=<*>,` (learned, not masked). */
  partial: number[];
  /** Glob segments per partial position, for matching. */
  globs: Globs;
  /** Per position, whether the token is word-like (see isWordLike), computed once. */
  words: boolean[];
  /** The list of `bucket.byFirstWord` / `bucket.rest` holding this pattern, and its key. */
  firstList: Cluster[] | undefined;
  firstWord: string | undefined;
  template: string;
  count: number;
  firstSeen: number;
  lastSeen: number;
  example: string;
  aliases: string[];
  bucket: Bucket;
}

interface Bucket {
  length: number;
  /** Birth order (seq ascending): ties go to the older pattern. */
  clusters: Cluster[];
  /**
   * The same patterns split by first token: those starting with a word, by that word, and the
   * rest. A line starting with a word can only join a pattern starting with the same word or
   * with a non-word (two different words are a hard mismatch), so only those are searched.
   */
  byFirstWord: Map<string, Cluster[]>;
  rest: Cluster[];
  /** Bumped on every structural change; cache entries of another version are stale. */
  version: number;
}

interface CacheEntry {
  cluster: Cluster;
  version: number;
}

interface Settings {
  similarity: number;
  maxPatterns: number;
  maxTokens: number;
  maskers: BuiltinMaskerName[];
  extraMaskers: SnapshotMasker[];
}

function settingsFrom(options: PatternMinerOptions, base?: Settings): Settings {
  const similarity = options.similarity ?? base?.similarity ?? 0.5;
  const maxPatterns = options.maxPatterns ?? base?.maxPatterns ?? 1000;
  const maxTokens = options.maxTokens ?? base?.maxTokens ?? 128;
  if (!(similarity >= 0 && similarity <= 1))
    throw new PatternOptionsError(`similarity must be in [0, 1], got ${similarity}`);
  if (!(Number.isInteger(maxPatterns) && maxPatterns >= 1)) {
    throw new PatternOptionsError(`maxPatterns must be an integer >= 1, got ${maxPatterns}`);
  }
  if (!(Number.isInteger(maxTokens) && maxTokens >= 1)) {
    throw new PatternOptionsError(`maxTokens must be an integer >= 1, got ${maxTokens}`);
  }
  const extraMaskers =
    options.extraMaskers?.map((m) => ({
      name: m.name,
      pattern: typeof m.pattern === 'string' ? m.pattern : m.pattern.source,
      flags: typeof m.pattern === 'string' ? (m.flags ?? '') : m.pattern.flags,
      replacement: m.replacement ?? WILD,
    })) ??
    base?.extraMaskers ??
    [];
  return {
    similarity,
    maxPatterns,
    maxTokens,
    maskers: [...(options.maskers ?? base?.maskers ?? BUILTIN_MASKERS)],
    extraMaskers,
  };
}

/** Words that are values (a flag's state), not part of a message's wording. */
const VALUE_WORDS = new Set([
  'true',
  'false',
  'True',
  'False',
  'TRUE',
  'FALSE',
  'null',
  'NULL',
  'nil',
  'None',
  'undefined',
]);

/** Letters only (with one closing punctuation mark): a word, likely part of the wording, not a value. */
function isWordLike(token: string): boolean {
  if (token.length === 0 || VALUE_WORDS.has(token)) return false;
  for (let i = 0; i < token.length; i++) {
    const c = token.charCodeAt(i) | 32;
    if (!(c >= 97 && c <= 122)) {
      // allow one trailing punctuation mark: "failed:", "done."
      if (i === token.length - 1 && i > 0) {
        const p = token.charCodeAt(i);
        return p === 58 || p === 44 || p === 46 || p === 59 || p === 33 || p === 63;
      }
      return false;
    }
  }
  return true;
}

/**
 * Online template miner for one log group.
 *
 * @example
 * const miner = new PatternMiner();
 * miner.add('Connection to 10.0.0.1 timed out after 30 ms');
 * miner.add('Connection to 10.0.0.2 timed out after 45 ms').template; // 'Connection to <*> timed out after <*> ms'
 */
export class PatternMiner {
  readonly #settings: Settings;
  readonly #masking: Masking;
  readonly #buckets = new Map<number, Bucket>();
  /** Live patterns by id, least recently seen first (Map order is the LRU order). */
  readonly #live = new Map<string, Cluster>();
  readonly #aliases = new Map<string, string>();
  readonly #cache = new Map<string, CacheEntry>();
  #nextSeq = 0;
  #mostRecent: Cluster | undefined;

  constructor(options: PatternMinerOptions = {}) {
    this.#settings = settingsFrom(options);
    this.#masking = compileMasking(
      this.#settings.maskers,
      this.#settings.extraMaskers.map((m) => ({ ...m })),
    );
  }

  /** Number of live patterns. */
  get size(): number {
    return this.#live.size;
  }

  /**
   * Adds one line (already redacted) at event time `timestamp` (epoch ms, default now) and
   * returns its pattern.
   *
   * @example miner.add('user 42 logged in', Date.parse('2024-05-01T00:00:00Z'))
   */
  add(message: string, timestamp: number = Date.now()): PatternMatch {
    const tokens = this.#tokens(message);
    const bucket = this.#bucket(tokens.length);
    const key = tokens.join('\u0001');
    const cached = this.#cache.get(key);
    let cluster: Cluster | undefined;
    let isNew = false;
    let created = false;
    if (cached !== undefined && cached.version === bucket.version) {
      cluster = cached.cluster;
    } else {
      const version = bucket.version;
      cluster = this.#bestMatch(bucket, tokens);
      if (cluster === undefined) {
        const seq = this.#nextSeq;
        cluster = this.#create(bucket, tokens, message, timestamp);
        created = true;
        // Not new when it merged at birth into older siblings (the older id survives).
        isNew = cluster.seq === seq;
      } else {
        cluster = this.#absorb(cluster, tokens);
      }
      // Cached only when the bucket did not change: then the same search on the same state
      // gives the same answer, so a hit is exactly what the slow path would return.
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
  match(message: string): PatternMatch | undefined {
    const tokens = this.#tokens(message);
    const bucket = this.#buckets.get(tokens.length);
    if (bucket === undefined) return undefined;
    const cluster = this.#bestMatch(bucket, tokens);
    return cluster && { patternId: cluster.id, template: cluster.template, isNew: false };
  }

  /**
   * The live id for `id`: itself when live, the survivor when it was merged away, undefined when
   * unknown or evicted.
   */
  resolve(id: string): string | undefined {
    if (this.#live.has(id)) return id;
    return this.#aliases.get(id);
  }

  /** Live patterns, most frequent first. */
  patterns(): PatternInfo[] {
    return [...this.#live.values()]
      .map((c) => ({
        id: c.id,
        template: c.template,
        count: c.count,
        firstSeen: c.firstSeen,
        lastSeen: c.lastSeen,
        example: c.example,
        aliases: [...c.aliases],
      }))
      .sort((a, b) => b.count - a.count || (a.id < b.id ? -1 : 1));
  }

  /** Plain JSON-serializable, versioned state. */
  snapshot(): PatternSnapshot {
    return {
      format: SNAPSHOT_FORMAT,
      version: SNAPSHOT_VERSION,
      settings: {
        ...this.#settings,
        maskers: [...this.#settings.maskers],
        extraMaskers: this.#settings.extraMaskers.map((m) => ({ ...m })),
      },
      nextSeq: this.#nextSeq,
      patterns: [...this.#live.values()].map(
        (c): SnapshotPattern => ({
          id: c.id,
          seq: c.seq,
          tokens: [...c.tokens],
          partial: [...c.partial],
          count: c.count,
          firstSeen: c.firstSeen,
          lastSeen: c.lastSeen,
          example: c.example,
          aliases: [...c.aliases],
        }),
      ),
    };
  }

  /**
   * Rebuilds a miner from `snapshot()` output (for example after JSON.parse). Options given here
   * override the snapshot's settings (a restored miner continues exactly only with the same
   * settings). Throws PatternSnapshotError on malformed input.
   */
  static restore(snapshot: unknown, options: PatternMinerOptions = {}): PatternMiner {
    const snap = parseSnapshot(snapshot);
    const settings = settingsFrom(options, snap.settings);
    const miner = new PatternMiner(settings);
    miner.#nextSeq = snap.nextSeq;
    for (const p of snap.patterns) {
      const bucket = miner.#bucket(p.tokens.length);
      const cluster: Cluster = {
        id: p.id,
        seq: p.seq,
        tokens: [...p.tokens],
        partial: [...p.partial],
        globs: globsOf(p.tokens, p.partial),
        words: p.tokens.map(isWordLike),
        firstList: undefined,
        firstWord: undefined,
        template: p.tokens.join(' '),
        count: p.count,
        firstSeen: p.firstSeen,
        lastSeen: p.lastSeen,
        example: p.example.slice(0, EXAMPLE_MAX_CHARS),
        aliases: [...p.aliases],
        bucket,
      };
      bucket.clusters.push(cluster);
      indexFirst(cluster);
      miner.#live.set(cluster.id, cluster);
      for (const alias of cluster.aliases) miner.#aliases.set(alias, cluster.id);
      miner.#mostRecent = cluster;
    }
    for (const bucket of miner.#buckets.values()) bucket.clusters.sort((a, b) => a.seq - b.seq);
    while (miner.#live.size > settings.maxPatterns) miner.#evictOldest();
    return miner;
  }

  #tokens(message: string): string[] {
    const tokens = tokenize(message, this.#masking, this.#settings.maxTokens);
    if (tokens.length === 0) tokens.push('');
    return tokens;
  }

  #bucket(length: number): Bucket {
    let bucket = this.#buckets.get(length);
    if (bucket === undefined) {
      bucket = { length, clusters: [], byFirstWord: new Map(), rest: [], version: 0 };
      this.#buckets.set(length, bucket);
    }
    return bucket;
  }

  /** The most similar pattern of the bucket at or above the threshold; ties go to the older. */
  #bestMatch(bucket: Bucket, tokens: readonly string[]): Cluster | undefined {
    let best: Cluster | undefined;
    let bestScore = -1;
    const threshold = this.#settings.similarity;
    if (bucket.clusters.length === 0) return undefined;
    const words = tokens.map(isWordLike);
    const lists = words[0] ? [bucket.byFirstWord.get(tokens[0]!) ?? [], bucket.rest] : [bucket.clusters];
    for (const list of lists) {
      for (const c of list) {
        const score = similarity(c, tokens, words);
        if (score > bestScore || (score === bestScore && best !== undefined && c.seq < best.seq)) {
          bestScore = score;
          best = c;
        }
      }
    }
    return best !== undefined && bestScore >= threshold ? best : undefined;
  }

  #create(bucket: Bucket, tokens: string[], message: string, timestamp: number): Cluster {
    let id = patternIdFor(tokens);
    // A live pattern or alias with this id can only exist after merges or re-births: salt it
    // deterministically so ids stay unique.
    for (let salt = 1; this.#live.has(id) || this.#aliases.has(id); salt++)
      id = patternIdFor([...tokens, `#${salt}`]);
    const cluster: Cluster = {
      id,
      seq: this.#nextSeq++,
      tokens,
      partial: [],
      globs: undefined,
      words: tokens.map(isWordLike),
      firstList: undefined,
      firstWord: undefined,
      template: tokens.join(' '),
      count: 1,
      firstSeen: timestamp,
      lastSeen: timestamp,
      example: message.length > EXAMPLE_MAX_CHARS ? message.slice(0, EXAMPLE_MAX_CHARS) : message,
      aliases: [],
      bucket,
    };
    bucket.clusters.push(cluster);
    indexFirst(cluster);
    bucket.version++;
    this.#live.set(id, cluster);
    while (this.#live.size > this.#settings.maxPatterns) this.#evictOldest();
    return this.#live.has(id) ? this.#mergeSiblings(cluster) : cluster;
  }

  /** Generalizes `cluster` to cover `tokens`, then merges what it now overlaps. Returns the survivor. */
  #absorb(cluster: Cluster, tokens: readonly string[]): Cluster {
    let changed: string[] | undefined;
    let partial: Set<number> | undefined;
    const t = cluster.tokens;
    for (let i = 0; i < t.length; i++) {
      const ti = t[i]!;
      if (ti === WILD || tokenMatches(ti, cluster.globs?.[i], tokens[i]!)) continue;
      changed ??= [...t];
      partial ??= new Set(cluster.partial);
      const general = generalizeToken(ti, tokens[i]!);
      changed[i] = general;
      if (general === WILD) partial.delete(i);
      else partial.add(i);
    }
    if (changed === undefined || partial === undefined) return cluster;
    this.#setTokens(
      cluster,
      changed,
      [...partial].sort((a, b) => a - b),
    );
    return this.#mergeSiblings(this.#mergeOverlapping(cluster));
  }

  #mergeOverlapping(start: Cluster): Cluster {
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
  #merge(a: Cluster, b: Cluster): Cluster {
    const [keep, gone] = a.seq < b.seq ? [a, b] : [b, a];
    this.#remove(gone);
    const partial: number[] = [];
    const tokens = keep.tokens.map((a, i) => {
      const b = gone.tokens[i]!;
      let out: string;
      if (a === b || tokenMatches(a, keep.globs?.[i], b)) out = a;
      else if (tokenMatches(b, gone.globs?.[i], a)) out = b;
      else out = generalizeToken(a, b);
      if (out !== WILD && (keep.partial.includes(i) || gone.partial.includes(i) || out !== a))
        partial.push(i);
      return out;
    });
    this.#setTokens(keep, tokens, partial);
    keep.count += gone.count;
    keep.firstSeen = Math.min(keep.firstSeen, gone.firstSeen);
    keep.lastSeen = Math.max(keep.lastSeen, gone.lastSeen);
    keep.aliases.push(gone.id, ...gone.aliases);
    for (const alias of [gone.id, ...gone.aliases]) this.#aliases.set(alias, keep.id);
    while (keep.aliases.length > MAX_ALIASES_PER_PATTERN) this.#aliases.delete(keep.aliases.shift()!);
    // The survivor takes the more recent LRU place of the two.
    return keep;
  }

  #remove(cluster: Cluster): void {
    const list = cluster.bucket.clusters;
    list.splice(list.indexOf(cluster), 1);
    unindexFirst(cluster);
    cluster.bucket.version++;
    this.#live.delete(cluster.id);
    if (this.#mostRecent === cluster) this.#mostRecent = undefined;
  }

  #setTokens(cluster: Cluster, tokens: string[], partial: number[]): void {
    cluster.tokens = tokens;
    cluster.partial = partial;
    cluster.globs = globsOf(tokens, partial);
    cluster.words = tokens.map(isWordLike);
    unindexFirst(cluster);
    indexFirst(cluster);
    cluster.template = tokens.join(' ');
    cluster.bucket.version++;
  }

  /**
   * Merges `cluster` with its siblings once they are SIBLINGS_TO_MERGE or more: patterns of its
   * bucket identical to it but for one word at the same position.
   */
  #mergeSiblings(cluster: Cluster): Cluster {
    let survivor = cluster;
    for (let again = true; again; ) {
      again = false;
      const byPosition = new Map<number, Cluster[]>();
      // Siblings share their first token (a first word never becomes a variable).
      for (const other of survivor.firstList ?? []) {
        if (other === survivor) continue;
        const position = siblingPosition(survivor, other);
        if (position < 0) continue;
        const list = byPosition.get(position);
        if (list === undefined) byPosition.set(position, [other]);
        else list.push(other);
      }
      for (const [position, list] of byPosition) {
        if (list.length + 1 < SIBLINGS_TO_MERGE || !mayBecomeVariable(survivor.tokens, position)) continue;
        const group = [survivor, ...list].sort((a, b) => a.seq - b.seq);
        let keep = group[0]!;
        for (const other of group.slice(1)) keep = this.#merge(keep, other);
        survivor = this.#mergeOverlapping(keep);
        again = true;
        break;
      }
    }
    return survivor;
  }

  #evictOldest(): void {
    const oldest = this.#live.values().next().value;
    if (oldest === undefined) return;
    this.#remove(oldest);
    for (const alias of oldest.aliases) this.#aliases.delete(alias);
  }

  #touch(cluster: Cluster): void {
    if (this.#mostRecent === cluster) return;
    this.#live.delete(cluster.id);
    this.#live.set(cluster.id, cluster);
    this.#mostRecent = cluster;
  }
}

/**
 * A word may be turned into a variable by sibling merging only when the template keeps most of
 * its constants (short templates like `<word> <*>` would swallow unrelated events) and it is
 * not the first token (Drain's observation: lines start with constants).
 */
function mayBecomeVariable(tokens: readonly string[], position: number): boolean {
  if (position === 0) return false;
  let constants = 0;
  for (const t of tokens) if (t !== WILD) constants++;
  return (constants - 1) * 2 > tokens.length;
}

/**
 * The one position where two templates of one length hold two different words while being
 * identical everywhere else (wildcards included); -1 otherwise.
 */
function siblingPosition(a: Cluster, b: Cluster): number {
  let position = -1;
  const x = a.tokens;
  const y = b.tokens;
  for (let i = 0; i < x.length; i++) {
    if (x[i] === y[i]) continue;
    if (position >= 0 || !a.words[i] || !b.words[i]) return -1;
    position = i;
  }
  return position;
}

function indexFirst(cluster: Cluster): void {
  const bucket = cluster.bucket;
  let list = bucket.rest;
  cluster.firstWord = cluster.words[0] ? cluster.tokens[0] : undefined;
  if (cluster.firstWord !== undefined) {
    list = bucket.byFirstWord.get(cluster.firstWord) ?? [];
    if (list.length === 0) bucket.byFirstWord.set(cluster.firstWord, list);
  }
  // Kept in birth order: a new pattern goes last, a changed one back to its place.
  let at = list.length;
  while (at > 0 && list[at - 1]!.seq > cluster.seq) at--;
  list.splice(at, 0, cluster);
  cluster.firstList = list;
}

function unindexFirst(cluster: Cluster): void {
  const list = cluster.firstList;
  if (list === undefined) return;
  list.splice(list.indexOf(cluster), 1);
  if (list.length === 0 && cluster.firstWord !== undefined)
    cluster.bucket.byFirstWord.delete(cluster.firstWord);
  cluster.firstList = undefined;
}

/** True when every constant of the template matches the token at its position in `tokens`. */
function covers(template: Cluster, tokens: readonly string[]): boolean {
  const t = template.tokens;
  for (let i = 0; i < t.length; i++) {
    const ti = t[i]!;
    if (ti !== WILD && !tokenMatches(ti, template.globs?.[i], tokens[i]!)) return false;
  }
  return true;
}

/** Per position, the segments around `<*>` of a partial wildcard; undefined when none. */
type Globs = (readonly string[] | undefined)[] | undefined;

function globsOf(tokens: readonly string[], partial: readonly number[]): Globs {
  if (partial.length === 0) return undefined;
  const globs: (readonly string[] | undefined)[] = new Array(tokens.length).fill(undefined);
  for (const i of partial) globs[i] = tokens[i]!.split(WILD);
  return globs;
}

function tokenMatches(t: string, glob: readonly string[] | undefined, tok: string): boolean {
  if (t === tok) return true;
  if (glob === undefined) return false;
  const first = glob[0]!;
  const last = glob[glob.length - 1]!;
  if (tok.length < first.length + last.length || !tok.startsWith(first) || !tok.endsWith(last)) return false;
  let at = first.length;
  const end = tok.length - last.length;
  for (let k = 1; k < glob.length - 1; k++) {
    const found = tok.indexOf(glob[k]!, at);
    if (found < 0 || found + glob[k]!.length > end) return false;
    at = found + glob[k]!.length;
  }
  return true;
}

const NOT_PUNCTUATION = /[\p{L}\p{N}<*>]/u;

function isPunctuation(c: string): boolean {
  return !NOT_PUNCTUATION.test(c);
}

/**
 * The most specific template token for two different tokens: `name=<*>,` when both are values
 * of one key (with their common closing punctuation), else `<*>`.
 */
function generalizeToken(a: string, b: string): string {
  const key = keyOf(a);
  if (key === undefined || key !== keyOf(b) || a[key.length] !== b[key.length]) return WILD;
  let head = key.length + 1;
  while (head < a.length && head < b.length && a[head] === b[head] && isPunctuation(a[head]!)) head++;
  let tail = 0;
  while (
    tail < a.length - head &&
    tail < b.length - head &&
    a[a.length - 1 - tail] === b[b.length - 1 - tail] &&
    isPunctuation(a[a.length - 1 - tail]!)
  ) {
    tail++;
  }
  return a.slice(0, head) + WILD + a.slice(a.length - tail);
}

/** `key=value` or `key:value`: the key part, or undefined. */
function keyOf(token: string): string | undefined {
  for (let i = 1; i < token.length - 1; i++) {
    const c = token.charCodeAt(i);
    if (c === 61 || c === 58) return token.slice(0, i);
  }
  return undefined;
}

/**
 * True when two different tokens at one position are likely two different constants rather than
 * two values of one variable: two words, or two `key=value` with different keys.
 */
function isHardMismatch(a: string, b: string, bothWords: boolean): boolean {
  if (bothWords) return true;
  const ka = keyOf(a);
  return ka !== undefined && ka !== keyOf(b);
}

/**
 * Share of the template's constants the line repeats, in [0, 1] (1 when the template covers the
 * line), or -1 when the line differs on a position that looks like a constant of another
 * template (see isHardMismatch): such lines start their own pattern, and sibling patterns that
 * differ by one word are merged later when that word proves variable.
 */
function similarity(cluster: Cluster, tokens: readonly string[], lineWords: readonly boolean[]): number {
  const template = cluster.tokens;
  const globs = cluster.globs;
  const words = cluster.words;
  let equal = 0;
  let constants = 0;
  for (let i = 0; i < template.length; i++) {
    const t = template[i]!;
    if (t === WILD) continue;
    constants++;
    const tok = tokens[i]!;
    if (t === tok || (globs?.[i] !== undefined && tokenMatches(t, globs[i], tok))) equal++;
    else if (isHardMismatch(t, tok, words[i]! && lineWords[i]!)) return -1;
  }
  if (constants > 0) return equal / constants;
  // A template of wildcards only would swallow its whole bucket: it takes lines of values only.
  for (const w of lineWords) if (w) return -1;
  return 1;
}
