import { ratio, table } from '../support/markdown';

interface AppendRow {
  readonly target: string;
  readonly database: string;
  readonly kind: 'ours' | 'peer' | 'raw';
  readonly workers: number;
  readonly appendsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly note?: string;
  readonly error?: string;
}

interface AppendResult {
  readonly runs: number;
  readonly seconds: number;
  readonly results: readonly AppendRow[];
  readonly skipped: readonly string[];
}

/**
 * One table per database: ours, the peer and every raw baseline side by side; the limit in
 * the ratios is the fastest raw baseline at that concurrency.
 */
export function renderAppend(result: AppendResult): string {
  const figure = (row: AppendRow | undefined) =>
    !row
      ? null
      : row.error
        ? `failed: ${row.error}`
        : `${row.appendsPerSecond} (${row.p50Ms} / ${row.p99Ms})`;
  const sections = [...new Set(result.results.map((r) => r.database))].map((database) => {
    const rows = result.results.filter((r) => r.database === database);
    const targets = [...new Set(rows.map((r) => r.target))];
    const writers = [...new Set(rows.map((r) => r.workers))];
    const at = (target: string, w: number) =>
      rows.find((r) => r.target === target && r.workers === w);
    const best = (kind: AppendRow['kind'], w: number) =>
      rows
        .filter((r) => r.kind === kind && r.workers === w && !r.error)
        .sort((a, b) => b.appendsPerSecond - a.appendsPerSecond)[0];
    const body = table(
      [
        'writers',
        ...targets.map((t) => {
          const kind = rows.find((r) => r.target === t)!.kind;
          return `${t}${kind === 'raw' ? ' (limit)' : kind === 'peer' ? ' (peer)' : ''}`;
        }),
        'ours/peer',
        'ours/limit',
      ],
      writers.map((w) => {
        const ours = best('ours', w);
        return [
          w,
          ...targets.map((t) => figure(at(t, w))),
          ratio(ours?.appendsPerSecond, best('peer', w)?.appendsPerSecond),
          ratio(ours?.appendsPerSecond, best('raw', w)?.appendsPerSecond),
        ];
      }),
    );
    const notes = [...new Set(rows.filter((r) => r.note).map((r) => `${r.target}: ${r.note}`))];
    return [`**${database}** — appends/s (p50 / p99 ms)`, body, ...notes.map((n) => `- ${n}`)].join(
      '\n\n',
    );
  });
  const skipped = result.skipped.map((s) => `- not measured: ${s}`);
  return [
    `One-event appends with an exact expected revision, each writer to its own stream; ` +
      `median of ${result.runs} runs of ${result.seconds} s, runs interleaved across targets.`,
    ...sections,
    ...skipped,
  ].join('\n\n');
}

export function appendHeadline(
  result: AppendResult & { ratios: readonly AppendRatio[] },
): string[] {
  return result.ratios.map(
    (r) =>
      `append, ${r.target}, ${r.workers} writers: ours/peer ${r.oursOverPeer ?? '–'}, ` +
      `ours/limit ${r.oursOverRaw ?? '–'}`,
  );
}

interface AppendRatio {
  readonly target: string;
  readonly workers: number;
  readonly oursOverPeer: number | null;
  readonly oursOverRaw: number | null;
}
