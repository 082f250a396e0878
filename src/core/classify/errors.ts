/** Errors of the severity classifier. */

/**
 * Invalid classifier options: a custom rule whose pattern does not compile, or a severity that is
 * not one of CRITICAL, ERROR, WARNING, INFO, DEBUG. Thrown by `createClassifier`, never per event.
 */
export class ClassifierConfigError extends Error {
  override readonly name = 'ClassifierConfigError';
}
