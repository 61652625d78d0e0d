import { subjectDecider } from '../../consent/domain';
import type { SubjectState } from '../../consent/domain';
import type { StoredFact } from './stored-fact';

/**
 * The subject's state folded from its stored facts, exactly as the write side folds the
 * stream. The facts must be the whole stream from revision 0 without a gap: the rules cite
 * evidence by position in it.
 */
export function subjectStateOf(facts: readonly StoredFact[]): SubjectState {
  return foldFacts(subjectDecider.initialState(), facts, 0);
}

/**
 * `state` (the fold of revisions before `firstRevision`) with `facts` folded in, which
 * must continue the stream from `firstRevision` without a gap.
 */
export function foldFacts(
  state: SubjectState,
  facts: readonly StoredFact[],
  firstRevision: number,
): SubjectState {
  let folded = state;
  facts.forEach((fact, index) => {
    if (fact.revision !== firstRevision + index) {
      throw new Error(`the stored facts of a subject miss revision ${firstRevision + index}`);
    }
    folded = subjectDecider.evolve(folded, fact.event);
  });
  return folded;
}
