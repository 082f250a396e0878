export { PatternOptionsError, PatternSnapshotError } from './errors.js';
export { patternIdFor } from './ids.js';
export {
  BUILTIN_MASKERS,
  type BuiltinMaskerName,
  compileMasking,
  type Masking,
  maskToken,
  type RegexMasker,
  WILDCARD,
} from './masking.js';
export {
  EXAMPLE_MAX_CHARS,
  type PatternInfo,
  type PatternMatch,
  PatternMiner,
  type PatternMinerOptions,
} from './PatternMiner.js';
export { type PatternSnapshot, SNAPSHOT_FORMAT, SNAPSHOT_VERSION } from './snapshot.js';
export { tokenize } from './tokenize.js';
