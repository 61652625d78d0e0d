import type { HttpAnswer } from '../support/http-client';

export interface ReadyFreshness {
  readonly headPosition?: string;
  readonly projections: readonly {
    readonly name: string;
    readonly lagEvents: number;
    readonly lagSeconds: number;
  }[];
}

interface ReadyChecks {
  readonly eventStore?: { readonly headPosition?: string };
  readonly projections?: { readonly freshness?: ReadyFreshness['projections'] };
}

/**
 * The head and each projection's lag from a `/ready` answer: the body of a 200, or the
 * `checks` of a 503 problem; undefined when the answer shows none (the service starting).
 */
export function freshnessOf(answer: HttpAnswer): ReadyFreshness | undefined {
  const body = JSON.parse(answer.body) as { details?: ReadyChecks; checks?: ReadyChecks };
  const checks = answer.status === 200 ? body.details : body.checks;
  const projections = checks?.projections?.freshness;
  if (!projections) return undefined;
  const headPosition = checks.eventStore?.headPosition;
  return headPosition === undefined ? { projections } : { headPosition, projections };
}
