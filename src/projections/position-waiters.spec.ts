import { PositionWaiters } from './position-waiters';

describe('PositionWaiters', () => {
  it('answers at once when the condition already holds', async () => {
    await expect(new PositionWaiters().wait(() => true, 0)).resolves.toBe(true);
  });

  it('answers true on the check after the condition starts to hold', async () => {
    const waiters = new PositionWaiters();
    let reached = false;
    const waiting = waiters.wait(() => reached, 5_000);
    waiters.check();
    reached = true;
    waiters.check();
    await expect(waiting).resolves.toBe(true);
  });

  it('answers false when the time is up', async () => {
    await expect(new PositionWaiters().wait(() => false, 10)).resolves.toBe(false);
  });

  it('answers every waiter with its current condition when settled', async () => {
    const waiters = new PositionWaiters();
    const no = waiters.wait(() => false, 60_000);
    waiters.settleAll();
    await expect(no).resolves.toBe(false);
  });
});
