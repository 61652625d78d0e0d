import type { SignOutcome } from './checkpoint-signer';
import { logIntegrityProblem } from './log-integrity';

const behind: SignOutcome = { kind: 'behind', tenant: 'acme', size: 9 };
const refused: SignOutcome = {
  kind: 'refused',
  tenant: 'acme',
  size: 12,
  latestSize: 10,
  reason: 'another root',
};

describe('log integrity', () => {
  it('calls a log behind its checkpoint shrunk once the audit log projection caught up', () => {
    expect(logIntegrityProblem(behind, true)).toBe('shrunk');
  });

  it('lets a log be behind while its projection is still catching up (a rebuild)', () => {
    expect(logIntegrityProblem(behind, false)).toBeUndefined();
  });

  it('calls a refused checkpoint inconsistent, caught up or not', () => {
    expect(logIntegrityProblem(refused, false)).toBe('inconsistent');
    expect(logIntegrityProblem(refused, true)).toBe('inconsistent');
  });

  it('finds nothing wrong with a signed or unchanged log', () => {
    expect(
      logIntegrityProblem({ kind: 'unchanged', tenant: 'acme', size: 10 }, true),
    ).toBeUndefined();
    expect(
      logIntegrityProblem({ kind: 'signed', tenant: 'acme', size: 11, note: 'n' }, true),
    ).toBeUndefined();
  });
});
