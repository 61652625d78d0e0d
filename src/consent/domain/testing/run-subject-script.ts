import { DomainError } from '../../../shared/domain/domain-error';
import type { SubjectCommand } from '../subject/subject.commands';
import { subjectDecider } from '../subject/subject.decider';
import type { SubjectEvent } from '../subject/subject.events';
import type { SubjectState } from '../subject/subject.state';
import { toCommand, type SubjectScript } from './subject-script';

export type Outcome =
  | { readonly accepted: true; readonly events: readonly SubjectEvent[] }
  | { readonly accepted: false; readonly error: DomainError };

/** One command decided during a script, with what the ledger held before it. */
export interface Decision {
  readonly command: SubjectCommand;
  /** The stream before the command, in stream order. */
  readonly stream: readonly SubjectEvent[];
  /** The state evolved event by event up to here. */
  readonly state: SubjectState;
  readonly outcome: Outcome;
}

export interface ScriptRun {
  readonly decisions: readonly Decision[];
  readonly stream: readonly SubjectEvent[];
  readonly state: SubjectState;
}

/**
 * Runs a script through the subject decider the way a command handler would: decide, and
 * append and evolve the events of accepted commands. A refusal must be a `DomainError`;
 * anything else thrown is a bug and escapes.
 */
export function runSubjectScript(script: SubjectScript): ScriptRun {
  let now = script.startMs;
  let state = subjectDecider.initialState();
  const stream: SubjectEvent[] = [];
  const decisions: Decision[] = [];
  for (const step of script.steps) {
    now += step.advanceMs;
    const command = toCommand(step, now);
    const outcome = decide(command, state);
    decisions.push({ command, stream: [...stream], state, outcome });
    if (outcome.accepted) {
      for (const event of outcome.events) {
        stream.push(event);
        state = subjectDecider.evolve(state, event);
      }
    }
  }
  return { decisions, stream, state };
}

export function decide(command: SubjectCommand, state: SubjectState): Outcome {
  try {
    return { accepted: true, events: subjectDecider.decide(command, state) };
  } catch (error) {
    if (error instanceof DomainError) return { accepted: false, error };
    throw error;
  }
}
