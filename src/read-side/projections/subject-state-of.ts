import { fold } from '../../consent/domain/shared/decider';
import { subjectDecider } from '../../consent/domain/subject/subject.decider';
import type { SubjectState } from '../../consent/domain/subject/subject.state';
import type { StoredFact } from './stored-fact';

/**
 * The subject's state folded from its stored facts, exactly as the write side folds the
 * stream. The facts must be the whole stream from revision 0 without a gap: the rules cite
 * evidence by position in it.
 */
export function subjectStateOf(facts: readonly StoredFact[]): SubjectState {
  facts.forEach((fact, index) => {
    if (fact.revision !== index) {
      throw new Error(`the stored facts of a subject miss revision ${index}`);
    }
  });
  return fold(
    subjectDecider,
    facts.map((fact) => fact.event),
  );
}
