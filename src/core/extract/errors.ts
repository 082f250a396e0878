/** Errors of the extract stage. */

/** An extractor option is out of range (for example `maxJsonFields: 0`). */
export class ExtractOptionsError extends Error {
  override readonly name = 'ExtractOptionsError';
}
