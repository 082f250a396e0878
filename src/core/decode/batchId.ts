import { hash } from 'node:crypto';

/**
 * A deterministic batch id: the first 32 hex characters (128 bits) of the SHA-256 of the payload,
 * so a redelivered payload gets the same id and exactly-once bookkeeping can recognise it.
 *
 * @example
 * batchIdOf('hello'); // '2cf24dba5fb0a30e26e83b2ac5b9e29e'
 */
export function batchIdOf(payload: string | Uint8Array): string {
  return hash('sha256', payload, 'hex').slice(0, 32);
}
