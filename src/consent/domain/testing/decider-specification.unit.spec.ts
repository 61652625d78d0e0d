import { AssertionError } from 'node:assert';
import type { Decider } from '../../../shared/domain/decider';
import { DomainError } from '../../../shared/domain/domain-error';
import { deciderSpecification } from './decider-specification';

/** A toy decider: a counter that may not go past 2 and ignores adding nothing. */
type Add = { type: 'add'; amount: number } | { type: 'crash' };
type Added = { type: 'added'; amount: number };

const counter: Decider<Add, Added, number> = {
  initialState: () => 0,
  evolve: (total, event) => total + event.amount,
  decide(command, total) {
    if (command.type === 'crash') throw new TypeError('not a domain refusal');
    if (command.amount === 0) return [];
    if (total + command.amount > 2) {
      throw new DomainError('invalid-time', 'the counter may not go past 2', { total });
    }
    return [{ type: 'added', amount: command.amount }];
  },
};

const spec = deciderSpecification(counter);
const add = (amount: number): Add => ({ type: 'add', amount });
const added = (amount: number): Added => ({ type: 'added', amount });

describe('deciderSpecification', () => {
  describe('then', () => {
    it('passes when the command records exactly the expected events', () => {
      spec
        .given([])
        .when(add(1))
        .then([added(1)]);
    });

    it('decides against the state folded from the given events', () => {
      spec
        .given([added(1), added(1)])
        .when(add(1))
        .thenThrows('invalid-time');
    });

    it('fails when the events differ from the expectation', () => {
      expect(() =>
        spec
          .given([])
          .when(add(1))
          .then([added(2)]),
      ).toThrow(AssertionError);
    });

    it('fails when an expected event is missing', () => {
      expect(() => spec.given([]).when(add(1)).then([])).toThrow(AssertionError);
    });

    it('fails with the refusal when the command is refused', () => {
      expect(() =>
        spec
          .given([added(2)])
          .when(add(1))
          .then([added(1)]),
      ).toThrow(/accepted, but it was refused: invalid-time: the counter may not go past 2/);
    });
  });

  describe('thenNothing', () => {
    it('passes when the command records nothing', () => {
      spec.given([]).when(add(0)).thenNothing();
    });

    it('fails when the command records events', () => {
      expect(() => spec.given([]).when(add(1)).thenNothing()).toThrow(AssertionError);
    });
  });

  describe('thenThrows', () => {
    it('passes on the expected code and returns the error for further checks', () => {
      const error = spec
        .given([added(2)])
        .when(add(1))
        .thenThrows('invalid-time');
      expect(error.details).toEqual({ total: 2 });
    });

    it('passes when the predicate accepts the error', () => {
      spec
        .given([added(2)])
        .when(add(1))
        .thenThrows((error) => error.message.includes('past 2'));
    });

    it('fails on another code', () => {
      expect(() =>
        spec
          .given([added(2)])
          .when(add(1))
          .thenThrows('duplicate-id'),
      ).toThrow(/expected refusal "duplicate-id", got invalid-time/);
    });

    it('fails when the predicate rejects the error', () => {
      expect(() =>
        spec
          .given([added(2)])
          .when(add(1))
          .thenThrows(() => false),
      ).toThrow(/does not match the expectation/);
    });

    it('fails when the command is accepted', () => {
      expect(() => spec.given([]).when(add(1)).thenThrows('invalid-time')).toThrow(
        /expected the command to be refused, but it was accepted with \[\{"type":"added","amount":1\}\]/,
      );
    });

    it('fails when decide throws something other than a DomainError', () => {
      expect(() =>
        spec
          .given([])
          .when({ type: 'crash' })
          .thenThrows(() => true),
      ).toThrow(/expected a DomainError, but decide threw TypeError: not a domain refusal/);
    });
  });
});
