import type { PolicyDocument } from '../policy/policy-document';
import type { PolicyVersion } from '../policy/policy-history';

/** Whose flow windows a newly published policy version can change. */
type PolicyChangeScope =
  | { readonly kind: 'all-subjects' }
  | { readonly kind: 'subjects-that-granted'; readonly categories: readonly string[] }
  | { readonly kind: 'none' };

/**
 * Windows (asked without a precision) read four things of a version: which combinations
 * it offers, each category's default, each recipient's region, and which categories need
 * re-consent. A version equal to its predecessor in the first three changes no answer from
 * its effective instant on, except that it lets the grants of its re-consent categories
 * lapse — and only subjects that ever granted one of those hold such a grant. Anything
 * else (or a version taking effect before its predecessor, which the decider refuses but
 * an import could hold) recomputes every subject of the tenant.
 */
export function policyChangeScope(
  previous: PolicyVersion | undefined,
  published: PolicyVersion,
): PolicyChangeScope {
  if (!previous || published.effectiveFrom < previous.effectiveFrom)
    return { kind: 'all-subjects' };
  if (windowShape(previous.document) !== windowShape(published.document)) {
    return { kind: 'all-subjects' };
  }
  const categories = [...new Set(published.document.reconsentRequired)].sort();
  return categories.length > 0 ? { kind: 'subjects-that-granted', categories } : { kind: 'none' };
}

/** The parts of a version the windows read, in a canonical order. */
function windowShape(document: PolicyDocument): string {
  const byKey = <T extends { key: string }>(list: readonly T[]) =>
    [...list].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return JSON.stringify({
    categories: byKey(document.categories).map((c) => [
      c.key,
      c.default,
      [...c.recipients].sort(),
      [...c.purposes].sort(),
    ]),
    regions: byKey(document.recipients).map((r) => [r.key, r.region]),
  });
}
