import { table } from '../support/markdown';

interface ProjectionRow {
  readonly name: string;
  readonly appliedPerSecond: number;
  readonly capacityPerSecond: number;
  readonly ratio: number | null;
  readonly busyFraction: number;
  readonly maxLagEvents: number;
  readonly maxLagSeconds: number;
  readonly lagEventsAtEnd: number;
}

interface StoreRow {
  readonly store: string;
  readonly runs: number;
  readonly commandsPerSecond: number;
  readonly appendedPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly readyProbes: number;
  readonly readyNot200: number;
  readonly readyP99Ms: number;
  readonly catchUpSeconds: number;
  readonly runsNotCaughtUp: number;
  readonly failures: Record<string, number>;
  readonly projections: readonly ProjectionRow[];
}

interface KeepupResult {
  readonly runs: number;
  readonly seconds: number;
  readonly workers: number;
  readonly subjects: number;
  readonly results: readonly StoreRow[];
}

export function renderKeepup(result: KeepupResult): string {
  const intro =
    `${result.workers} clients send a sustained mix of grants, revocations and syncs (half of ` +
    `them refused) to ${result.subjects} subjects, as fast as the service answers, for ` +
    `${result.seconds} s; the service runs in its own process with every projection live, ` +
    `default settings. Median of ${result.runs} runs. "Capacity" is the events a projection ` +
    `committed per second spent in its batches (read, apply, commit; ` +
    `\`projection_batch_seconds\`); the ratio divides it by the rate events were appended in ` +
    `the same run: ≥ 1 keeps up. Lags are the largest \`/ready\` showed (sampled every 200 ms).`;
  const sections = result.results.map((r) =>
    [
      `**${r.store}**: ${r.commandsPerSecond} commands/s accepted (p50 ${r.p50Ms} ms, p99 ` +
        `${r.p99Ms} ms), ${r.appendedPerSecond} events/s appended; \`/ready\` answered other ` +
        `than 200 ${r.readyNot200} times of ${r.readyProbes} (p99 ${r.readyP99Ms} ms); all ` +
        `projections at the head ${r.catchUpSeconds} s after the load` +
        (r.runsNotCaughtUp > 0 ? ` (${r.runsNotCaughtUp} runs never caught up)` : '') +
        (Object.keys(r.failures).length > 0
          ? `; non-201 answers ${JSON.stringify(r.failures)}`
          : '') +
        '.',
      table(
        [
          'projection',
          'applied/s',
          'capacity/s',
          'capacity/append rate',
          'busy',
          'max lag events',
          'max lag s',
        ],
        r.projections.map((p) => [
          p.name,
          p.appliedPerSecond,
          p.capacityPerSecond,
          p.ratio,
          p.busyFraction,
          p.maxLagEvents,
          p.maxLagSeconds,
        ]),
      ),
    ].join('\n\n'),
  );
  return [intro, ...sections].join('\n\n');
}

export function keepupHeadline(result: KeepupResult): string[] {
  return result.results.map((r) => {
    const slowest = [...r.projections].sort((a, b) => (a.ratio ?? 0) - (b.ratio ?? 0))[0];
    return (
      `keepup, ${r.store}: ${r.commandsPerSecond} commands/s accepted; slowest projection ` +
      `${slowest?.name ?? '–'} capacity/append rate ${slowest?.ratio ?? '–'}, max lag ` +
      `${slowest?.maxLagSeconds ?? '–'} s; /ready not 200 ${r.readyNot200} of ${r.readyProbes}`
    );
  });
}
