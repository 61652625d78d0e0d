import type { CombinationRecord } from '../../replay/flow-window-records';
import type { ClosingAcknowledgement } from './closing-acknowledgements.query';

/**
 * Each closed window with `acknowledgedAt` of the change that closed it: the feed's latest
 * closing change of the same combination whose `closedAt` is the window's end, when its
 * processor acknowledged it. Windows without such a change, or not acknowledged yet, stay as
 * they are.
 */
export function withAcknowledgements(
  combinations: readonly CombinationRecord[],
  closings: readonly ClosingAcknowledgement[],
): CombinationRecord[] {
  const latest = new Map<string, ClosingAcknowledgement>();
  for (const closing of closings) {
    latest.set(key(closing, Date.parse(closing.closedAt)), closing);
  }
  return combinations.map((combination) => ({
    ...combination,
    windows: combination.windows.map((window) => {
      if (window.end === undefined) return window;
      const acknowledgedAt = latest.get(key(combination, Date.parse(window.end)))?.acknowledgedAt;
      return acknowledgedAt === undefined ? window : { ...window, acknowledgedAt };
    }),
  }));
}

function key(
  combination: { category: string; recipient: string; purpose: string },
  at: number,
): string {
  return [combination.category, combination.recipient, combination.purpose, at].join('\u0000');
}
