import { toMillis } from '../../shared/time/instant';
import { asSealed } from '../../shared/domain/sealed-value';
import { erasureRequested, registered } from '../../consent/domain/testing/event-builders';
import {
  DAY,
  MINUTE,
  NOW,
  commandContext,
  importContext,
  plus,
} from '../../consent/domain/testing/fixtures';
import {
  LATEST_DEADLINE,
  ORIGINAL_DEADLINE,
  REQUESTED_AT,
  completed,
  extendDeadline,
  extended,
} from './testing/erasure-builders';
import { erasureSpecification } from './testing/erasure-specification';

const spec = erasureSpecification();
const requested = [registered(), erasureRequested({ kind: 'account' }, { at: REQUESTED_AT })];
/** A live command at `at`: the clock reads the same. */
const liveAt = (at: string) => ({ at, context: commandContext({ now: toMillis(at) }) });

describe('extending an erasure deadline (Art. 12(3))', () => {
  it('extends to three months after the request unless told otherwise', () => {
    spec.given(requested).when(extendDeadline()).then([extended()]);
  });

  it('extends to a chosen deadline between the original and the latest', () => {
    const newDeadline = '2026-07-31T23:59:59.999Z';
    spec
      .given(requested)
      .when(extendDeadline({ newDeadline }))
      .then([extended({ newDeadline })]);
  });

  it('accepts exactly the latest deadline and the last instant of the first month', () => {
    const at = ORIGINAL_DEADLINE;
    spec
      .given(requested)
      .when(extendDeadline({ ...liveAt(at), newDeadline: LATEST_DEADLINE, subjectToldAt: at }))
      .then([extended({ at, newDeadline: LATEST_DEADLINE, subjectToldAt: at })]);
  });

  it('refuses a second extension', () => {
    const refusal = spec
      .given([...requested, extended()])
      .when(extendDeadline())
      .thenRefuses('erasure-already-extended');
    expect(refusal.details).toEqual({ deadline: LATEST_DEADLINE });
  });

  it('refuses once the original deadline has passed', () => {
    const refusal = spec
      .given(requested)
      .when(extendDeadline({ ...liveAt(plus(ORIGINAL_DEADLINE, 1)), subjectToldAt: NOW }))
      .thenRefuses('erasure-deadline-passed');
    expect(refusal.message).toBe(
      `the deadline ${ORIGINAL_DEADLINE} has passed; an extension must be decided within the first month`,
    );
  });

  it.each([
    ['the original deadline itself', ORIGINAL_DEADLINE],
    ['before the original deadline', plus(ORIGINAL_DEADLINE, -DAY)],
    ['after three months', plus(LATEST_DEADLINE, 1)],
  ])('refuses a new deadline at %s', (_case, newDeadline) => {
    const refusal = spec
      .given(requested)
      .when(extendDeadline({ newDeadline }))
      .thenRefuses('invalid-erasure-deadline');
    expect(refusal.details).toMatchObject({
      originalDeadline: ORIGINAL_DEADLINE,
      latestDeadline: LATEST_DEADLINE,
    });
  });

  it('refuses a new deadline that is not an instant', () => {
    spec
      .given(requested)
      .when(extendDeadline({ newDeadline: '2026-07-31' }))
      .thenThrows('invalid-time');
  });

  it('refuses an extension the subject was told of after the first month', () => {
    // An import: recorded later, decided (valid time) within the first month.
    const context = importContext({ now: toMillis(plus(ORIGINAL_DEADLINE, 10 * DAY)) });
    const refusal = spec
      .given(requested)
      .when(
        extendDeadline({
          at: plus(ORIGINAL_DEADLINE, -DAY),
          context,
          subjectToldAt: plus(ORIGINAL_DEADLINE, 1),
        }),
      )
      .thenRefuses('subject-told-too-late');
    expect(refusal.details).toMatchObject({ field: 'subjectToldAt' });
  });

  it.each([
    ['in the future', plus(NOW, 10 * MINUTE)],
    ['before the request', plus(REQUESTED_AT, -1)],
    ['not an instant', 'yesterday'],
  ])('refuses a subjectToldAt %s', (_case, subjectToldAt) => {
    const error = spec
      .given(requested)
      .when(extendDeadline({ subjectToldAt }))
      .thenThrows('invalid-time');
    expect(error.details).toEqual({ field: 'subjectToldAt' });
  });

  it('refuses an extension without a reason', () => {
    spec
      .given(requested)
      .when({ ...extendDeadline(), reason: asSealed('') })
      .thenRefuses('reason-required');
  });

  it('refuses to extend a completed erasure', () => {
    spec
      .given([...requested, completed([])])
      .when(extendDeadline())
      .thenRefuses('erasure-already-completed');
  });

  it('refuses an erasure the subject never requested', () => {
    spec
      .given(requested)
      .when(extendDeadline({ erasureId: 'erasure-9' }))
      .thenRefuses('erasure-not-found');
  });
});
