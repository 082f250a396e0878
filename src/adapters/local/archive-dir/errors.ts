/** Errors of the folder archive. */

/** An archive key that would write outside the archive's root folder, or is not a relative file path. */
export class ArchiveKeyError extends Error {
  override readonly name = 'ArchiveKeyError';
  constructor(key: string, why: string) {
    super(`archive key "${key.slice(0, 200)}" rejected: ${why}`);
  }
}
