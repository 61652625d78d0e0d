import canonicalize from 'canonicalize';
import type { CombinationRecord } from '../../read-side/replay';
import { isObject } from './bundle-entry';
import type { VerificationFailure } from './verification-failure';

/**
 * Compares the flow windows a bundle claims with those its events give, exactly: every
 * combination, every window (bounds, causes and bases) and every one-off flow, in order.
 * Each difference is one failure naming the combination and the window.
 */
export function compareFlowWindows(
  claimed: readonly unknown[],
  derived: readonly CombinationRecord[],
): VerificationFailure[] {
  const failures: VerificationFailure[] = [];
  const claims = new Map<string, Record<string, unknown>>();
  claimed.forEach((item, i) => {
    if (!isObject(item) || !isCombination(item)) {
      failures.push({
        concerns: `windows #${i}`,
        message: 'the claim names no category, recipient and purpose',
      });
      return;
    }
    claims.set(combinationName(item), item);
  });
  for (const combination of derived) {
    const name = combinationName(combination);
    const claim = claims.get(name);
    claims.delete(name);
    if (claim === undefined) {
      failures.push({
        concerns: `windows of ${name}`,
        message: `the events give ${combination.windows.length} windows and ${combination.oneOffFlows.length} one-off flows; the bundle claims nothing for this combination`,
      });
      continue;
    }
    failures.push(
      ...compareLists(`window ${name}`, claim.windows, combination.windows),
      ...compareLists(`one-off flow ${name}`, claim.oneOffFlows, combination.oneOffFlows),
    );
  }
  for (const name of claims.keys()) {
    failures.push({
      concerns: `windows of ${name}`,
      message:
        'the bundle claims windows for a combination no policy version of the events offered',
    });
  }
  return failures;
}

function compareLists(
  concerns: string,
  claimed: unknown,
  derived: readonly object[],
): VerificationFailure[] {
  if (!Array.isArray(claimed)) {
    return [{ concerns, message: 'the bundle claims no list for this combination' }];
  }
  const failures: VerificationFailure[] = [];
  for (let i = 0; i < Math.max(claimed.length, derived.length); i++) {
    const claim = claimed[i] as unknown;
    const truth = derived[i];
    if (claim !== undefined && truth !== undefined && canonicalize(claim) === canonicalize(truth)) {
      continue;
    }
    failures.push({
      concerns: `${concerns} #${i}`,
      message: `the bundle claims ${describe(claim)}, the events give ${describe(truth)}`,
    });
  }
  return failures;
}

function describe(value: unknown): string {
  return value === undefined ? 'none' : (canonicalize(value) ?? 'none');
}

function isCombination(value: Record<string, unknown>): value is Record<string, unknown> & {
  category: string;
  recipient: string;
  purpose: string;
} {
  return (
    typeof value.category === 'string' &&
    typeof value.recipient === 'string' &&
    typeof value.purpose === 'string'
  );
}

function combinationName(c: { category: string; recipient: string; purpose: string }): string {
  return `${c.category}/${c.recipient}/${c.purpose}`;
}
