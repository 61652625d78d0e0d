import fc from 'fast-check';

/**
 * How property tests run: a fixed seed so every run checks the same histories (set FC_SEED to
 * explore others, FC_RUNS for more of them), and a time limit that also bounds shrinking, so
 * a failure is reported within Jest's timeout. Running out of time counts as a failure.
 */
export function propertyRunOptions(defaultSeed: number, defaultRuns: number) {
  return {
    seed: Number(process.env.FC_SEED ?? defaultSeed),
    numRuns: Number(process.env.FC_RUNS ?? defaultRuns),
    plugins: [fc.interruptAfterTimeLimit(20_000, { failOnInterrupt: true })],
  };
}
