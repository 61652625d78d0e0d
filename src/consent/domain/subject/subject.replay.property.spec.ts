import fc from 'fast-check';
import { PROPERTY_TEST_TIMEOUT_MS, propertyRunOptions } from '../testing/property-run-options';
import { fold } from '../../../shared/domain/decider';
import { decide, runSubjectScript, type Outcome } from '../testing/run-subject-script';
import { subjectScript } from '../testing/subject-script.arbitrary';
import { subjectDecider } from './subject.decider';
import type { SubjectState } from './subject.state';

jest.setTimeout(PROPERTY_TEST_TIMEOUT_MS);

const options = propertyRunOptions(20260602, 400);

/** Outcomes compared as the caller sees them: the events, or the refusal's code, message and details. */
function comparable(outcome: Outcome): unknown {
  if (outcome.accepted) return outcome;
  const { code, message, details } = outcome.error;
  return { accepted: false, code, message, details };
}

/** The state as text: a change anywhere inside it, even deep in a fact, shows. */
function snapshot(state: SubjectState): string {
  return JSON.stringify({
    ...state,
    syncIds: [...state.syncIds],
    erasureIds: [...state.erasureIds],
  });
}

describe('subject decider over random command histories', () => {
  it('rebuilds, by replaying the events with fold, the state evolved step by step', () => {
    fc.assert(
      fc.property(subjectScript(), (script) => {
        const run = runSubjectScript(script);
        expect(fold(subjectDecider, run.stream)).toStrictEqual(run.state);
        for (const decision of run.decisions) {
          expect(fold(subjectDecider, decision.stream)).toStrictEqual(decision.state);
        }
      }),
      options,
    );
  });

  it('decides deterministically and leaves the state it decides on untouched', () => {
    fc.assert(
      fc.property(subjectScript(), (script) => {
        for (const { command, stream, state, outcome } of runSubjectScript(script).decisions) {
          const before = snapshot(state);
          expect(comparable(decide(command, state))).toStrictEqual(comparable(outcome));
          expect(comparable(decide(command, fold(subjectDecider, stream)))).toStrictEqual(
            comparable(outcome),
          );
          expect(snapshot(state)).toBe(before);
        }
      }),
      options,
    );
  });
});
