/**
 * Ticks for a time axis that adapts from minutes to years: the smallest step that keeps the
 * labels apart, aligned to whole units of UTC time, with a label as precise as the step.
 */
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

type Step =
  | { readonly kind: 'fixed'; readonly ms: number }
  | { readonly kind: 'months'; readonly months: number };

const STEPS: readonly Step[] = [
  ...[1, 2, 5, 10, 15, 30].map((m): Step => ({ kind: 'fixed', ms: m * MINUTE })),
  ...[1, 2, 3, 6, 12].map((h): Step => ({ kind: 'fixed', ms: h * HOUR })),
  ...[1, 2, 7, 14].map((d): Step => ({ kind: 'fixed', ms: d * DAY })),
  ...[1, 3, 6, 12, 24, 60, 120].map((months): Step => ({ kind: 'months', months })),
];

export interface Tick {
  readonly at: number;
  readonly label: string;
}

function approximateMs(step: Step): number {
  return step.kind === 'fixed' ? step.ms : step.months * 30 * DAY;
}

export function ticks(start: number, end: number, maxTicks: number): Tick[] {
  const span = Math.max(end - start, 1);
  const step =
    STEPS.find((s) => span / approximateMs(s) <= Math.max(maxTicks, 2)) ?? STEPS[STEPS.length - 1]!;
  const instants =
    step.kind === 'fixed' ? fixedSteps(start, end, step.ms) : monthSteps(start, end, step.months);
  return instants.map((at) => ({ at, label: labelOf(at, step) }));
}

function fixedSteps(start: number, end: number, ms: number): number[] {
  const out: number[] = [];
  for (let at = Math.ceil(start / ms) * ms; at <= end; at += ms) out.push(at);
  return out;
}

function monthSteps(start: number, end: number, months: number): number[] {
  const out: number[] = [];
  const first = new Date(start);
  let index = first.getUTCFullYear() * 12 + first.getUTCMonth();
  index = Math.ceil(index / months) * months;
  for (;;) {
    const at = Date.UTC(Math.floor(index / 12), index % 12, 1);
    if (at > end) return out;
    if (at >= start) out.push(at);
    index += months;
  }
}

function labelOf(at: number, step: Step): string {
  const iso = new Date(at).toISOString();
  if (step.kind === 'months') return step.months >= 12 ? iso.slice(0, 4) : iso.slice(0, 7);
  if (step.ms >= DAY) return iso.slice(0, 10);
  if (at % DAY === 0) return iso.slice(5, 10);
  return iso.slice(11, 16);
}
