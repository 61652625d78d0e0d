import { table } from '../support/markdown';
import type { OverloadFigures } from './overload-driver';

interface OverloadResult {
  readonly mix: string;
  readonly store: string;
  readonly loadAverage: number;
  readonly knee: { readonly rate: number };
  readonly overloadFactor: number;
  readonly shedding: OverloadFigures;
  readonly unprotected?: OverloadFigures;
}

function row(label: string, f: OverloadFigures) {
  const o = f.overload;
  return [
    label,
    o.offeredPerSecond,
    o.okPerSecond,
    `${o.okLatency.p50Ms} / ${o.okLatency.p99Ms}`,
    `${o.shed503} / ${o.shed429}`,
    `${o.shedLatency.p99Ms} / ${o.shedLatency.maxMs}`,
    Object.keys(o.other).length === 0 ? 'none' : JSON.stringify(o.other),
    `${f.health.p99Ms} / ${f.health.maxMs}`,
    `${f.ready.p99Ms} / ${f.ready.maxMs}`,
    f.mainPortHealth ? `${f.mainPortHealth.p99Ms} / ${f.mainPortHealth.maxMs}` : '–',
    `${f.rssMiB.firstQuarterMax} → ${f.rssMiB.lastQuarterMax}`,
    f.recovery.secondsToFullRate ?? 'never',
  ];
}

export function renderOverload(result: OverloadResult): string {
  const seconds = result.shedding.overload.seconds;
  return [
    `${result.mix}, against the service in its own process (${result.store}). The knee (the ` +
      `highest open-loop rate with ≥ 99% 2xx and a 2xx p99 ≤ 500 ms) was ` +
      `${result.knee.rate} requests/s; then ${result.overloadFactor}× that for ${seconds} s, ` +
      `then the knee rate again for ${result.shedding.recovery.seconds} s. "Full rate" is the time ` +
      `after the overload until every later half second had ≥ 95% 2xx. Probes open a new ` +
      `connection each (as the kubelet does) to PROBE_PORT; /health is also probed on the ` +
      `main port for comparison. Load average ` +
      `${result.loadAverage.toFixed(1)} when it ended.`,
    table(
      [
        'service',
        'offered/s',
        '2xx/s',
        '2xx p50 / p99 ms',
        '503 / 429',
        '503+429 p99 / max ms',
        'other',
        '/health p99 / max ms',
        '/ready p99 / max ms',
        '/health on the main port p99 / max ms',
        'RSS MiB (first → last quarter)',
        'full rate after s',
      ],
      [
        row('load shedding (defaults)', result.shedding),
        ...(result.unprotected ? [row('LOAD_SHEDDING=false', result.unprotected)] : []),
      ],
    ),
  ].join('\n\n');
}

export function overloadHeadline(result: OverloadResult): string[] {
  const f = result.shedding;
  return [
    `overload (${result.overloadFactor}× the knee of ${result.knee.rate}/s): excess answered 503/429 ` +
      `with p99 ${f.overload.shedLatency.p99Ms} ms, /health p99 ${f.health.p99Ms} ms, ` +
      `full rate ${f.recovery.secondsToFullRate ?? 'never'} s after`,
  ];
}
