import assert from 'node:assert/strict';
import { fold, type Decider } from '../../../shared/domain/decider';
import { DomainError, type DomainErrorCode } from '../../../shared/domain/domain-error';

/** The refusal a specification expects: its stable code, or any test of the error. */
export type ExpectedRefusal = DomainErrorCode | ((error: DomainError) => boolean);

export interface DeciderOutcome<Event> {
  /** The command is accepted and records exactly these events (deep, strict equality). */
  then(expected: readonly Event[]): void;
  /** The command is accepted and records nothing. */
  thenNothing(): void;
  /** The command is refused with a `DomainError`; returned for further checks. */
  thenThrows(expected: ExpectedRefusal): DomainError;
}

export interface DeciderSpecification<Command, Event> {
  given(events: readonly Event[]): { when(command: Command): DeciderOutcome<Event> };
}

/**
 * Given/when/then for a decider, after Emmett's `DeciderSpecification`: the given events
 * are folded into a state, the command is decided against it, and the outcome is checked.
 * Assertions come from `node:assert` so the helper does not depend on the test runner.
 */
export function deciderSpecification<Command, Event, State>(
  decider: Decider<Command, Event, State>,
): DeciderSpecification<Command, Event> {
  return {
    given: (events) => ({
      when: (command) => {
        const decide = () => decider.decide(command, fold(decider, events));
        return {
          then: (expected) => assert.deepStrictEqual(accepted(decide), expected),
          thenNothing: () => assert.deepStrictEqual(accepted(decide), []),
          thenThrows: (expected) => refused(decide, expected),
        };
      },
    }),
  };
}

function accepted<Event>(decide: () => Event[]): Event[] {
  try {
    return decide();
  } catch (error) {
    assert.fail(`expected the command to be accepted, but it was refused: ${describe(error)}`);
  }
}

function refused<Event>(decide: () => Event[], expected: ExpectedRefusal): DomainError {
  let events: Event[];
  try {
    events = decide();
  } catch (error) {
    if (!(error instanceof DomainError)) {
      assert.fail(`expected a DomainError, but decide threw ${describe(error)}`);
    }
    if (typeof expected === 'string') {
      assert.equal(error.code, expected, `expected refusal "${expected}", got ${describe(error)}`);
    } else {
      assert.ok(expected(error), `the refusal does not match the expectation: ${describe(error)}`);
    }
    return error;
  }
  return assert.fail(
    `expected the command to be refused, but it was accepted with ${brief(events)}`,
  );
}

/** Events as JSON, cut short: a whole policy document would bury the message. */
function brief(events: unknown[]): string {
  const json = JSON.stringify(events);
  return json.length > 500 ? `${json.slice(0, 500)}…` : json;
}

function describe(error: unknown): string {
  if (error instanceof DomainError) return `${error.code}: ${error.message}`;
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
