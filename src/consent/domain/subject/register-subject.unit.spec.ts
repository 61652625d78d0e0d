import { PolicyHistory } from '../policy/policy-history';
import { toMillis } from '../../../shared/time/instant';
import { register } from '../testing/command-builders';
import { deciderSpecification } from '../testing/decider-specification';
import { registered } from '../testing/event-builders';
import {
  NOW,
  POLICY_V1_FROM,
  REGISTERED_AT,
  commandContext,
  droneAppPolicy,
  importContext,
  plus,
  policyPublished,
  sealed,
} from '../testing/fixtures';
import { subjectDecider } from './subject.decider';

const spec = deciderSpecification(subjectDecider);

describe('registering a subject', () => {
  it('records the registration with the residency and the sealed app id', () => {
    spec
      .given([])
      .when(register({ at: NOW, residency: 'cn' }))
      .then([registered({ at: NOW, residency: 'cn' })]);
  });

  it('keeps sealed contact details when given', () => {
    const command = { ...register({ at: NOW }), email: sealed('email'), phone: sealed('phone') };
    spec
      .given([])
      .when(command)
      .then([{ ...registered({ at: NOW }), email: sealed('email'), phone: sealed('phone') }]);
  });

  it('lets an importer register a subject in the past', () => {
    spec
      .given([])
      .when(register({ context: importContext() }))
      .then([registered({ at: REGISTERED_AT })]);
  });

  it('refuses an unknown region and lists the valid ones', () => {
    const error = spec
      .given([])
      .when(register({ at: NOW, residency: 'eu' }))
      .thenThrows('unknown-region');
    expect(error.message).toBe('unknown residency "eu"; valid: cn, row');
    expect(error.details).toEqual({ field: 'residency', allowed: ['cn', 'row'] });
  });

  it('takes the regions from the policy version in force', () => {
    const withEu = droneAppPolicy({ version: 2, regions: ['cn', 'row', 'eu'] });
    const policy = PolicyHistory.of([
      policyPublished(droneAppPolicy(), POLICY_V1_FROM),
      policyPublished(withEu, plus(NOW, -1)),
    ]);
    spec
      .given([])
      .when(register({ at: NOW, residency: 'eu', context: commandContext({ policy }) }))
      .then([registered({ at: NOW, residency: 'eu' })]);
    spec
      .given([])
      .when(
        register({
          at: plus(NOW, -2),
          residency: 'eu',
          context: commandContext({ policy, mayBackdate: true }),
        }),
      )
      .thenThrows('unknown-region');
  });

  it('refuses a subject that is already registered, whatever the residency', () => {
    spec
      .given([registered()])
      .when(register({ at: NOW, residency: 'cn' }))
      .thenThrows('subject-already-registered');
  });

  it('refuses while the tenant has no policy in force', () => {
    const noPolicy = commandContext({ policy: PolicyHistory.empty() });
    spec
      .given([])
      .when(register({ at: NOW, context: noPolicy }))
      .thenThrows('policy-not-published');
    const importBeforePolicy = importContext({ now: toMillis(NOW) });
    spec
      .given([])
      .when(register({ at: plus(POLICY_V1_FROM, -1), context: importBeforePolicy }))
      .thenThrows('policy-not-published');
  });
});
