import { createHash } from 'node:crypto';
import { checkAgainst, describeFinding, type KnownCheckpoint } from './log-checks';
import type { EventLogSummary } from './log-roots';

const hash = (text: string) => createHash('sha256').update(text).digest();

const log: EventLogSummary = {
  head: 12n,
  events: 12,
  logs: new Map([
    ['default', { size: 10, root: hash('root-10'), rootsAt: new Map([[6, hash('root-6')]]) }],
  ]),
};

const checkpoint = (size: number, root: Buffer): KnownCheckpoint => ({
  log: 'default',
  size,
  root,
  source: 'checkpoint file x',
});

describe('checkAgainst', () => {
  it('covers a checkpoint at the log size or below with the same root', () => {
    expect(checkAgainst(checkpoint(10, hash('root-10')), log).kind).toBe('covered');
    expect(checkAgainst(checkpoint(6, hash('root-6')), log).kind).toBe('covered');
  });

  it('calls the log older when the checkpoint is larger, naming both sizes', () => {
    const finding = checkAgainst(checkpoint(14, hash('root-14')), log);
    expect(finding.kind).toBe('older');
    expect(describeFinding(finding, 'the restored')).toBe(
      'the restored log default is OLDER than a published checkpoint: checkpoint file x holds a checkpoint at size 14, the restored log has 10 leaves (4 fewer)',
    );
  });

  it('calls the log inconsistent when the root at that size differs', () => {
    expect(checkAgainst(checkpoint(10, hash('other')), log).kind).toBe('inconsistent');
    expect(checkAgainst(checkpoint(6, hash('other')), log).kind).toBe('inconsistent');
  });

  it('treats a log it never saw as empty', () => {
    const finding = checkAgainst({ ...checkpoint(3, hash('x')), log: 'acme' }, log);
    expect(finding).toMatchObject({ kind: 'older', logSize: 0 });
  });
});
