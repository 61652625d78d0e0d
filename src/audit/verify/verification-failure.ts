/**
 * One thing that does not verify. `concerns` names what it is about, so an auditor can find
 * it: `checkpoint`, `bundle`, `line <n>`, `event <id> (position <p>)`, `window …`.
 */
export interface VerificationFailure {
  readonly concerns: string;
  readonly message: string;
}

/** The one line the verifier prints for a failure. */
export function formatFailure(failure: VerificationFailure): string {
  return `${failure.concerns}: ${failure.message}`;
}

export function eventConcern(id: string, position: string): string {
  return `event ${id} (position ${position})`;
}
