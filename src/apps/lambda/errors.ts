/** Errors of the Lambda functions' wiring. */

/** An environment variable the function needs is missing or malformed. */
export class LambdaEnvError extends Error {
  override readonly name = 'LambdaEnvError';
  constructor(variable: string, why: string) {
    super(`environment variable ${variable} ${why}`);
  }
}
