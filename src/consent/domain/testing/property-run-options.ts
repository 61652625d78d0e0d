import fc from 'fast-check';

/**
 * How property tests run: a fixed seed so every run checks the same histories (set FC_SEED to
 * explore others, FC_RUNS for more of them), and a time limit that also bounds shrinking, so
 * a failure is reported within Jest's timeout. Running out of time counts as a failure. The
 * limit is generous: on a loaded 2-core machine a run takes several times as long as alone.
 */
export const PROPERTY_TIME_LIMIT_MS = 120_000;

/** The Jest timeout for a property test: the time limit plus room to report. */
export const PROPERTY_TEST_TIMEOUT_MS = PROPERTY_TIME_LIMIT_MS + 30_000;

export function propertyRunOptions(defaultSeed: number, defaultRuns: number) {
  return {
    seed: Number(process.env.FC_SEED ?? defaultSeed),
    numRuns: Number(process.env.FC_RUNS ?? defaultRuns),
    plugins: [fc.interruptAfterTimeLimit(PROPERTY_TIME_LIMIT_MS, { failOnInterrupt: true })],
  };
}
