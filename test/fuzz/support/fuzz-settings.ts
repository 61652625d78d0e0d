/**
 * How much to fuzz, from the environment: `FUZZ_RUNS` requests in all (the in-process
 * `inject()` part gets nine in ten, the raw-socket part the rest) from `FUZZ_SEED`. The
 * default is sized for `npm test`; the fault suite runs `FUZZ_RUNS=100000`.
 */
export interface FuzzSettings {
  readonly runs: number;
  readonly seed: number;
}

export const DEFAULT_FUZZ_RUNS = 2_000;

export function fuzzSettings(env: NodeJS.ProcessEnv = process.env): FuzzSettings {
  return {
    runs: positiveInteger(env.FUZZ_RUNS, 'FUZZ_RUNS') ?? DEFAULT_FUZZ_RUNS,
    // A fresh seed unless one is given: each run explores new ground, and prints its seed.
    seed: integer(env.FUZZ_SEED, 'FUZZ_SEED') ?? (Date.now() ^ (Math.random() * 2 ** 31)) | 0,
  };
}

function positiveInteger(value: string | undefined, name: string): number | undefined {
  const parsed = integer(value, name);
  if (parsed !== undefined && parsed < 1) throw new Error(`${name} must be at least 1`);
  return parsed;
}

function integer(value: string | undefined, name: string): number | undefined {
  if (value === undefined || value === '') return undefined;
  if (!/^-?\d{1,10}$/.test(value)) throw new Error(`${name} must be an integer, got "${value}"`);
  return Number(value) | 0;
}
