/** S3 adapters: the batch archive and the pattern state store. */
export { PatternStateFormatError } from './errors.js';
export { S3Archive, type S3ArchiveOptions } from './S3Archive.js';
export { S3PatternStateStore, type S3PatternStateStoreOptions } from './S3PatternStateStore.js';
