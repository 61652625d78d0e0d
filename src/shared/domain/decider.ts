/**
 * A decider (after Jérémie Chassaing's pattern, as in Emmett): business rules as pure
 * functions. `decide` turns a command and the current state into new events or throws a
 * `DomainError`; `evolve` folds one event into the state. No I/O, no clock, no randomness:
 * whatever a rule needs from outside (the time, a generated id, the tenant's policy) is in
 * the command.
 */
export interface Decider<Command, Event, State> {
  decide(command: Command, state: State): Event[];
  evolve(state: State, event: Event): State;
  initialState(): State;
}

/** Rebuilds a state from its events, in stream order. */
export function fold<Event, State>(
  decider: Pick<Decider<unknown, Event, State>, 'evolve' | 'initialState'>,
  events: readonly Event[],
): State {
  return events.reduce((state, event) => decider.evolve(state, event), decider.initialState());
}
