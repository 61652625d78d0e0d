import { BatchSizer } from './batch-sizer';

describe('BatchSizer', () => {
  it('starts at the maximum', () => {
    expect(new BatchSizer(5000, 250).next).toBe(5000);
  });

  it('shrinks a batch that ran over the target in proportion', () => {
    const sizer = new BatchSizer(5000, 250);
    sizer.measured(5000, 40_000);
    expect(sizer.next).toBe(31);
  });

  it('never goes below one event, however slow an event is', () => {
    const sizer = new BatchSizer(5000, 250);
    sizer.measured(1, 60_000);
    expect(sizer.next).toBe(1);
  });

  it('grows after full batches that finished early, at most twofold each, up to the maximum', () => {
    const sizer = new BatchSizer(5000, 250);
    sizer.measured(5000, 2500);
    expect(sizer.next).toBe(500);
    sizer.measured(500, 10);
    expect(sizer.next).toBe(1000);
    sizer.measured(1000, 100);
    expect(sizer.next).toBe(2000);
    sizer.measured(2000, 125);
    expect(sizer.next).toBe(4000);
    sizer.measured(4000, 1);
    expect(sizer.next).toBe(5000);
  });

  it('keeps the size after a batch that was not full and finished in time', () => {
    const sizer = new BatchSizer(5000, 250);
    sizer.measured(5000, 1000);
    expect(sizer.next).toBe(1250);
    sizer.measured(3, 6);
    expect(sizer.next).toBe(1250);
  });

  it('grows by at least one event after a full batch on target', () => {
    const sizer = new BatchSizer(5000, 250);
    sizer.measured(5000, 250_000);
    expect(sizer.next).toBe(5);
    sizer.measured(5, 250);
    expect(sizer.next).toBe(6);
  });
});
