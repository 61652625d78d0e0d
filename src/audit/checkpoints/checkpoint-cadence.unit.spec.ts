import { isCheckpointDue } from './checkpoint-cadence';

const cadence = { everyEvents: 1000, everyMs: 10_000 };
const at = (size: number, signedAtMs: number) => ({ size, signedAtMs });

describe('checkpoint cadence', () => {
  it('signs a log that has leaves and no checkpoint yet, never an empty one', () => {
    expect(isCheckpointDue(1, undefined, 0, cadence)).toBe(true);
    expect(isCheckpointDue(0, undefined, 0, cadence)).toBe(false);
  });

  it('signs after N new leaves, however little time passed', () => {
    expect(isCheckpointDue(1999, at(1000, 0), 1, cadence)).toBe(false);
    expect(isCheckpointDue(2000, at(1000, 0), 1, cadence)).toBe(true);
  });

  it('signs after T when the log grew at all', () => {
    expect(isCheckpointDue(1001, at(1000, 0), 9_999, cadence)).toBe(false);
    expect(isCheckpointDue(1001, at(1000, 0), 10_000, cadence)).toBe(true);
  });

  it('never signs a log that did not grow or is behind its checkpoint', () => {
    expect(isCheckpointDue(1000, at(1000, 0), 1e9, cadence)).toBe(false);
    expect(isCheckpointDue(10, at(1000, 0), 1e9, cadence)).toBe(false);
  });
});
