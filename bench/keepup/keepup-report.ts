import { table } from '../support/markdown';

interface ProjectionRow {
  readonly name: string;
  readonly appliedPerSecond: number;
  readonly keepUpRatio: number | null;
  readonly appliedPerBusySecond: number;
  readonly busyFraction: number;
  readonly maxLagEvents: number;
  readonly maxLagSeconds: number;
  readonly lagEventsAtEnd: number;
  readonly secondsToHead: number | null;
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
    `${result.seconds} s: the command rate the store accepts. The service runs in its own ` +
    `process with every projection live and default settings. Median of ${result.runs} runs. ` +
    `"Keep-up" is the events a projection committed over the events appended in the same ` +
    `window (1: its lag ended where it began; below 1: it fell behind). Lags are the largest ` +
    `\`/ready\` showed, sampled every 200 ms; "at head" is how long after the load stopped ` +
    `the projection had applied every event. "Busy" is the share of the window spent in ` +
    `batches (\`projection_batch_seconds\`); at the head a batch gathers for at least 100 ms, ` +
    `so busy near 1 there is pacing, not saturation.`;
  const sections = result.results.map((r) =>
    [
      `**${r.store}**: ${r.commandsPerSecond} commands/s accepted (p50 ${r.p50Ms} ms, p99 ` +
        `${r.p99Ms} ms), ${r.appendedPerSecond} events/s appended; \`/ready\` answered other ` +
        `than 200 ${r.readyNot200} times of ${r.readyProbes} (p99 ${r.readyP99Ms} ms); every ` +
        `projection at the head ${r.catchUpSeconds} s after the load` +
        (r.runsNotCaughtUp > 0 ? ` (${r.runsNotCaughtUp} runs never caught up)` : '') +
        (Object.keys(r.failures).length > 0
          ? `; non-201 answers ${JSON.stringify(r.failures)}`
          : '') +
        '.',
      table(
        [
          'projection',
          'applied/s',
          'keep-up',
          'max lag events',
          'max lag s',
          'at head after s',
          'busy',
        ],
        r.projections.map((p) => [
          p.name,
          p.appliedPerSecond,
          p.keepUpRatio,
          p.maxLagEvents,
          p.maxLagSeconds,
          p.secondsToHead,
          p.busyFraction,
        ]),
      ),
    ].join('\n\n'),
  );
  return [intro, ...sections].join('\n\n');
}

export function keepupHeadline(result: KeepupResult): string[] {
  return result.results.map((r) => {
    const slowest = [...r.projections].sort(
      (a, b) => (a.keepUpRatio ?? 0) - (b.keepUpRatio ?? 0),
    )[0];
    const maxLag = Math.max(...r.projections.map((p) => p.maxLagSeconds));
    return (
      `keepup, ${r.store}: ${r.commandsPerSecond} commands/s accepted; lowest keep-up ratio ` +
      `${slowest?.keepUpRatio ?? '–'} (${slowest?.name ?? '–'}), largest lag ${maxLag} s; ` +
      `/ready not 200 ${r.readyNot200} of ${r.readyProbes}`
    );
  });
}
