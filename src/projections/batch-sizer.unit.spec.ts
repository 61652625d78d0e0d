import { BatchSizer, MIN_SIZED_BATCH } from './batch-sizer';

describe('BatchSizer', () => {
  it('starts at the maximum', () => {
    expect(new BatchSizer(5000, 250).next).toBe(5000);
  });

  it('shrinks a batch that ran over the target in proportion', () => {
    const sizer = new BatchSizer(5000, 250);
    sizer.measured(5000, 2000);
    expect(sizer.next).toBe(625);
  });

  it('shrinks no further than MIN_SIZED_BATCH, however slow a batch is', () => {
    const sizer = new BatchSizer(5000, 250);
    sizer.measured(5000, 40_000);
    expect(sizer.next).toBe(MIN_SIZED_BATCH);
    sizer.measured(MIN_SIZED_BATCH, 60_000);
    expect(sizer.next).toBe(MIN_SIZED_BATCH);
  });

  it('never goes below a maximum smaller than MIN_SIZED_BATCH', () => {
    const sizer = new BatchSizer(40, 250);
    sizer.measured(40, 10_000);
    expect(sizer.next).toBe(40);
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
    sizer.measured(5000, 2500);
    expect(sizer.next).toBe(500);
    sizer.measured(500, 250);
    expect(sizer.next).toBe(501);
  });
});
