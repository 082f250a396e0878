/** A pattern-miner snapshot that cannot be restored: wrong shape, version or values. */
export class PatternSnapshotError extends Error {
  override readonly name = 'PatternSnapshotError';
  constructor(message: string) {
    super(`invalid pattern snapshot: ${message}`);
  }
}

/** Invalid miner options, such as an extra masker whose regex does not compile. */
export class PatternOptionsError extends Error {
  override readonly name = 'PatternOptionsError';
}
