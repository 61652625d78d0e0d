import assert from 'node:assert/strict';
import { fold } from '../../../shared/domain/decider';
import type { SubjectEvent } from '../../../consent/domain/subject/subject.events';
import {
  deciderSpecification,
  type DeciderOutcome,
} from '../../../consent/domain/testing/decider-specification';
import { ErasureRefusal, type ErasureRefusalCode } from '../erasure-refusal';
import { subjectStreamDecider, type SubjectStreamCommand } from './subject-stream-decider';

export interface ErasureOutcome extends DeciderOutcome<SubjectEvent> {
  /** The command is refused by an erasure-workflow rule; returned for further checks. */
  thenRefuses(code: ErasureRefusalCode): ErasureRefusal;
}

/**
 * The subject decider's given/when/then (`deciderSpecification`), plus `thenRefuses` for
 * the workflow's own refusals, which are `ErasureRefusal`s rather than `DomainError`s.
 */
export function erasureSpecification(): {
  given(events: readonly SubjectEvent[]): { when(command: SubjectStreamCommand): ErasureOutcome };
} {
  const spec = deciderSpecification(subjectStreamDecider);
  return {
    given: (events) => ({
      when: (command) => ({
        ...spec.given(events).when(command),
        thenRefuses: (code) =>
          refused(
            () => subjectStreamDecider.decide(command, fold(subjectStreamDecider, events)),
            code,
          ),
      }),
    }),
  };
}

function refused(decide: () => SubjectEvent[], code: ErasureRefusalCode): ErasureRefusal {
  let events: SubjectEvent[];
  try {
    events = decide();
  } catch (error) {
    if (!(error instanceof ErasureRefusal)) {
      assert.fail(`expected an ErasureRefusal, but decide threw ${String(error)}`);
    }
    assert.equal(
      error.code,
      code,
      `expected refusal "${code}", got ${error.code}: ${error.message}`,
    );
    return error;
  }
  return assert.fail(
    `expected the command to be refused, but it recorded ${JSON.stringify(events)}`,
  );
}
