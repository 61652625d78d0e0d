/** One line of figures a scenario recorded (test/support/fault-figures.ts). */
export type Figures = Readonly<Record<string, unknown>>;

/** An aim of issue #13 and whether the run met it; `met: undefined` when it cannot tell. */
export interface Aim {
  readonly aim: string;
  readonly met: boolean | undefined;
  /** What was measured against it. */
  readonly measured: string;
}

/**
 * A fault scenario of `npm run faults`: one entry in `SCENARIOS`. It runs as Jest suites or
 * as a built script, with its long settings in the environment; whatever it records with
 * `recordFigures(name, …)` (or, for a script, what `figuresOf` reads from its stdout) ends
 * up in FAULTS.md with its aims.
 */
export interface FaultScenario {
  readonly name: string;
  readonly title: string;
  /** What is done and checked, in a sentence or three. */
  readonly description: string;
  /** The full run's settings; a variable set in the environment wins. */
  readonly settings: Readonly<Record<string, string>>;
  /** Further knobs, without a full-run value: reported when the environment sets them. */
  readonly optionalSettings?: readonly string[];
  readonly run:
    | { readonly jest: readonly string[] }
    | {
        /** Relative to the repository root; built by `npm run build:bench`. */
        readonly script: string;
        readonly figuresOf: (stdout: string) => Figures[];
      };
  /** The aims, judged from the recorded figures and whether the run passed. */
  aims(figures: readonly Figures[], passed: boolean): Aim[];
}

/** A number among the figures, or undefined. */
export function numberOf(figures: Figures | undefined, key: string): number | undefined {
  const value = figures?.[key];
  return typeof value === 'number' ? value : undefined;
}

/** Sums a numeric figure over the records of a run. */
export function sumOf(figures: readonly Figures[], key: string): number {
  return figures.reduce((sum, f) => sum + (numberOf(f, key) ?? 0), 0);
}

/** Met when `value` is defined and `holds`; not judged when there is no value. */
export function aimOn(
  aim: string,
  value: number | undefined,
  holds: (value: number) => boolean,
  unit = '',
): Aim {
  return {
    aim,
    met: value === undefined ? undefined : holds(value),
    measured: value === undefined ? 'not measured' : `${value}${unit}`,
  };
}

/** The aims a passing test run proves: its assertions are the aim. */
export function testAim(aim: string, passed: boolean): Aim {
  return { aim, met: passed, measured: passed ? 'the suite passed' : 'the suite FAILED' };
}
