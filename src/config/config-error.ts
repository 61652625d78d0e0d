/**
 * A setting is missing or malformed. The message is one line that names the variable and
 * what it accepts, so `main.ts` can print it as is and exit without a stack trace.
 */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}
