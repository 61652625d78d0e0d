import { table } from '../support/markdown';

interface CommandsRow {
  readonly workers: number;
  readonly commandsPerSecond: number;
  readonly commandsPerSecondCaughtUp: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly catchUpSeconds: number;
  readonly runsNotCaughtUp: number;
  readonly failures: Record<string, number>;
}

interface CommandsResult {
  readonly runs: number;
  readonly seconds: number;
  readonly store: string;
  readonly subjects: number;
  readonly results: readonly CommandsRow[];
}

export function renderCommands(result: CommandsResult): string {
  return [
    `POST /v1/subjects/{id}/grants over HTTP/1.1 keep-alive on loopback, the service in its ` +
      `own process (${result.store}), the load generator in another; ${result.subjects} ` +
      `subjects, each client writing to its own; median of ${result.runs} runs of ` +
      `${result.seconds} s. "Caught up" divides the commands by the load time plus the time ` +
      `until /ready (READY_MAX_LAG_EVENTS=0) said every projection had applied them.`,
    table(
      [
        'clients',
        'commands/s',
        'commands/s until caught up',
        'p50 ms',
        'p99 ms',
        'catch-up s',
        'non-201 answers',
      ],
      result.results.map((r) => [
        r.workers,
        r.commandsPerSecond,
        r.commandsPerSecondCaughtUp,
        r.p50Ms,
        r.p99Ms,
        r.catchUpSeconds,
        Object.keys(r.failures).length === 0
          ? 'none'
          : JSON.stringify(r.failures) +
            (r.runsNotCaughtUp ? `, ${r.runsNotCaughtUp} runs never caught up` : ''),
      ]),
    ),
  ].join('\n\n');
}

export function commandsHeadline(result: CommandsResult): string[] {
  return result.results.map(
    (r) =>
      `grant-consent over HTTP, ${r.workers} clients: ${r.commandsPerSecond} commands/s ` +
      `(p50 ${r.p50Ms} ms, p99 ${r.p99Ms} ms), ${r.commandsPerSecondCaughtUp}/s until projections caught up`,
  );
}
