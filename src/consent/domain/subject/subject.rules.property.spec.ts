import fc from 'fast-check';
import type { DomainErrorCode } from '../../../shared/domain/domain-error';
import { toMillis } from '../../../shared/time/instant';
import { PROPERTY_TEST_TIMEOUT_MS, propertyRunOptions } from '../testing/property-run-options';
import { applicableRefusals } from '../testing/reference-acceptance-model';
import {
  localDataModeOnAt,
  referenceVerdict,
  versionInForce,
} from '../testing/reference-permission-model';
import { runSubjectScript, type Decision } from '../testing/run-subject-script';
import { SCRIPT_POLICIES } from '../testing/subject-script';
import { subjectScript } from '../testing/subject-script.arbitrary';
import type { SubjectEvent } from './subject.events';

jest.setTimeout(PROPERTY_TEST_TIMEOUT_MS);

const options = propertyRunOptions(20260601, 1000);

/** What the random histories exercised, to prove the properties were not vacuous. */
const seen = new Set<string>();

describe('subject rules over random command histories', () => {
  it('never records an event the rules forbid, and agrees with reference models of the rules', () => {
    fc.assert(
      fc.property(subjectScript(), (script) => {
        const run = runSubjectScript(script);
        run.decisions.forEach(checkDecision);
        checkNothingButErasureAfterAccountErasure(run.stream);
      }),
      options,
    );

    // The histories must have reached every rule, or the property proves little.
    const expected = [
      ...['grant', 'opt-out-default', 'mandatory', 'one-off-sync'].map((b) => `basis:${b}`),
      ...[
        'no-basis',
        'revoked',
        'expired',
        'lapsed-by-policy-change',
        'local-data-mode',
        'erased',
        'region',
        'precision',
        'per-transfer-only',
      ].map((r) => `reason:${r}`),
      ...(
        [
          'policy-not-published',
          'unknown-category',
          'unknown-recipient',
          'unknown-purpose',
          'unknown-region',
          'combination-not-offered',
          'mandatory-category',
          'per-transfer-category',
          'subject-already-registered',
          'subject-not-registered',
          'subject-erased',
          'erasure-already-requested',
          'invalid-time',
          'duplicate-id',
        ] satisfies DomainErrorCode[]
      ).map((c) => `refused:${c}`),
      'ldm:nothing-recorded',
      'ldm:switched-where-the-newest-mode-agrees',
    ];
    expect(expected.filter((label) => !seen.has(label))).toEqual([]);
  });
});

function checkDecision({ command, stream, state, outcome }: Decision): void {
  const refusals = [...applicableRefusals(command, stream, SCRIPT_POLICIES)];
  if (!outcome.accepted) {
    seen.add(`refused:${outcome.error.code}`);
    expect(refusals).toContain(outcome.error.code);
    return;
  }
  expect(refusals).toEqual([]);

  const at = toMillis(command.occurredAt);
  if (command.type === 'switch-local-data-mode') {
    const unchanged = localDataModeOnAt(stream, at) === command.on;
    expect(outcome.events).toHaveLength(unchanged ? 0 : 1);
    if (unchanged) seen.add('ldm:nothing-recorded');
    if (!unchanged && state.localDataMode === command.on) {
      seen.add('ldm:switched-where-the-newest-mode-agrees');
    }
  } else {
    expect(outcome.events).toHaveLength(1);
  }

  for (const event of outcome.events) {
    expect(event).toMatchObject({
      schemaVersion: 1,
      tenantId: command.context.tenantId,
      subjectId: command.subjectId,
      occurredAt: command.occurredAt,
    });
    checkValidTime(event, stream, command.context);
    checkEvent(event, stream, at);
  }
}

function checkValidTime(
  event: SubjectEvent,
  stream: readonly SubjectEvent[],
  context: Decision['command']['context'],
): void {
  const at = toMillis(event.occurredAt);
  expect(at).toBeLessThanOrEqual(context.now + context.maxClockSkewMs);
  if (!context.mayBackdate) expect(at).toBeGreaterThanOrEqual(context.now - context.maxClockSkewMs);
  const registration = stream.find((e) => e.type === 'subject-registered');
  if (registration) expect(at).toBeGreaterThanOrEqual(toMillis(registration.occurredAt));
}

function checkEvent(event: SubjectEvent, stream: readonly SubjectEvent[], at: number): void {
  const policy = versionInForce(SCRIPT_POLICIES, at)!;
  const categoryDefault = (key: string) => policy.categories.find((c) => c.key === key)?.default;
  switch (event.type) {
    case 'subject-registered':
      expect(stream.some((e) => e.type === 'subject-registered')).toBe(false);
      expect(policy.regions).toContain(event.residency);
      break;
    case 'consent-granted':
      expect(['opt-in', 'opt-out']).toContain(categoryDefault(event.category));
      expect(event.policyVersion).toBe(policy.version);
      if (event.expiresAt !== undefined) {
        expect(toMillis(event.expiresAt)).toBeGreaterThan(at);
      }
      break;
    case 'consent-revoked':
      expect(['opt-in', 'opt-out']).toContain(categoryDefault(event.category));
      expect(event.policyVersion).toBe(policy.version);
      break;
    case 'sync-recorded':
    case 'sync-refused':
      checkSync(event, stream, at);
      break;
    case 'local-data-mode-switched-on':
    case 'local-data-mode-switched-off':
      expect(localDataModeOnAt(stream, at)).toBe(event.type === 'local-data-mode-switched-off');
      break;
    case 'erasure-requested':
      if (event.scope.kind === 'account') {
        expect(
          stream.some((e) => e.type === 'erasure-requested' && e.scope.kind === 'account'),
        ).toBe(false);
      }
      break;
  }
}

function checkSync(
  event: Extract<SubjectEvent, { type: 'sync-recorded' | 'sync-refused' }>,
  stream: readonly SubjectEvent[],
  at: number,
): void {
  const verdict = referenceVerdict(stream, SCRIPT_POLICIES, { ...event, at });
  expect(event.policyVersion).toBe(verdict.policyVersion);
  if (event.type === 'sync-recorded') {
    seen.add(`basis:${event.basis}`);
    expect(verdict).toMatchObject({ permitted: true, basis: event.basis });
    // The forbidden cases, spelled out although the verdict covers them.
    const policy = versionInForce(SCRIPT_POLICIES, at)!;
    const residency = stream.flatMap((e) => (e.type === 'subject-registered' ? [e.residency] : []));
    expect(localDataModeOnAt(stream, at)).toBe(false);
    expect([policy.recipients.find((r) => r.key === event.recipient)?.region]).toEqual(residency);
    expect(policy.categories.find((c) => c.key === event.category)?.precisions).toContain(
      event.precision,
    );
  } else {
    event.reasons.forEach((reason) => seen.add(`reason:${reason}`));
    expect(verdict.permitted).toBe(false);
    expect(event.reasons).toEqual(verdict.reasons);
  }
}

function checkNothingButErasureAfterAccountErasure(stream: readonly SubjectEvent[]): void {
  const erasedAt = stream.findIndex(
    (e) => e.type === 'erasure-requested' && e.scope.kind === 'account',
  );
  if (erasedAt < 0) return;
  expect(stream.slice(erasedAt + 1).filter((e) => e.type !== 'erasure-requested')).toEqual([]);
}
