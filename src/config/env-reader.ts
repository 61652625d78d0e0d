import { ConfigError } from './config-error';

export type Env = Readonly<Record<string, string | undefined>>;

const MAX_ECHOED_LENGTH = 60;

/** Quotes a rejected value for an error line: escaped, and cut short so the line stays short. */
export function quote(value: string): string {
  const shown =
    value.length > MAX_ECHOED_LENGTH ? `${value.slice(0, MAX_ECHOED_LENGTH)}...` : value;
  return JSON.stringify(shown);
}

/**
 * Reads environment variables and collects every problem, so one start-up attempt reports
 * all bad settings at once instead of one per restart.
 */
export class EnvReader {
  private readonly problems: string[] = [];

  constructor(private readonly env: Env) {}

  /** The trimmed value; an empty value counts as unset so `FOO=` in a compose file means default. */
  text(name: string): string | undefined {
    const value = this.env[name]?.trim();
    return value === undefined || value === '' ? undefined : value;
  }

  integer(name: string, range: { min: number; max: number; fallback: number }): number {
    const value = this.text(name);
    if (value === undefined) return range.fallback;
    const parsed = /^\d+$/.test(value) ? Number(value) : Number.NaN;
    if (Number.isSafeInteger(parsed) && parsed >= range.min && parsed <= range.max) return parsed;
    const allowed =
      range.max === Number.MAX_SAFE_INTEGER
        ? `an integer of at least ${range.min}`
        : `an integer from ${range.min} to ${range.max}`;
    this.reject(`${name} must be ${allowed}, got ${quote(value)}`);
    return range.fallback;
  }

  oneOf<const T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const value = this.text(name);
    if (value === undefined) return fallback;
    const match = allowed.find((candidate) => candidate === value);
    if (match !== undefined) return match;
    this.reject(`${name} must be one of ${allowed.join('|')}, got ${quote(value)}`);
    return fallback;
  }

  reject(problem: string): void {
    this.problems.push(problem);
  }

  /** Throws one `ConfigError` naming every rejected variable, on a single line. */
  assertValid(): void {
    if (this.problems.length > 0) throw new ConfigError(this.problems.join('; '));
  }
}
