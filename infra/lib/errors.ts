/**
 * A stack setting that cannot be deployed as given (a lifecycle out of order, a retention AWS does not
 * offer, a missing Lambda bundle). Thrown at synth time so nothing half-deploys.
 *
 * @example
 * throw new InfraConfigError('archive.glacierAfterDays', 'must be greater than infrequentAccessAfterDays');
 */
export class InfraConfigError extends Error {
  override readonly name = 'InfraConfigError';
  constructor(
    readonly setting: string,
    problem: string,
  ) {
    super(`${setting}: ${problem}`);
  }
}
