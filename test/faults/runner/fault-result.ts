import type { Figures } from './fault-scenario';

/**
 * What one scenario's run left behind: saved as test/faults/results/<name>.json. Its title,
 * description and aims come from the scenario's entry when FAULTS.md is written, so the
 * file can be rewritten from the saved runs (`npm run faults -- --report-only`).
 */
export interface FaultResult {
  readonly scenario: string;
  /** The settings it ran with (the full run's, or what the environment gave). */
  readonly settings: Readonly<Record<string, string>>;
  /** Commands that reproduce it: through the runner, and directly. */
  readonly commands: readonly string[];
  /** The commit the run measured, "+ changes" when the work tree differed from it. */
  readonly commit: string;
  readonly startedAt: string;
  readonly seconds: number;
  /** The suites passed (or the script exited 0). */
  readonly passed: boolean;
  readonly machine: {
    readonly cores: number;
    readonly cpuModel: string;
    readonly memoryGiB: number;
    readonly node: string;
    /** One-, five- and fifteen-minute load averages before and after the scenario. */
    readonly loadAverageBefore: readonly number[];
    readonly loadAverageAfter: readonly number[];
  };
  readonly figures: readonly Figures[];
}
