import { deciderSpecification } from '../testing/decider-specification';
import {
  DAY,
  POLICY_V1_FROM,
  POLICY_V2_FROM,
  droneAppPolicy,
  droneAppPolicyV2,
  plus,
  policyPublished,
  publishPolicy,
} from '../testing/fixtures';
import { policyDecider } from './policy.decider';

const spec = deciderSpecification(policyDecider);
const v1Published = policyPublished(droneAppPolicy(), POLICY_V1_FROM);

describe('publishing a policy version', () => {
  it('publishes version 1 of a valid policy, taking effect at effectiveFrom', () => {
    spec
      .given([])
      .when(publishPolicy(droneAppPolicy(), POLICY_V1_FROM))
      .then([policyPublished(droneAppPolicy(), POLICY_V1_FROM)]);
  });

  it('publishes the next version after the latest one', () => {
    spec
      .given([v1Published])
      .when(publishPolicy(droneAppPolicyV2(), POLICY_V2_FROM))
      .then([policyPublished(droneAppPolicyV2(), POLICY_V2_FROM)]);
  });

  it('lets the next version take effect at the same instant as the previous one', () => {
    spec
      .given([v1Published])
      .when(publishPolicy(droneAppPolicyV2(), POLICY_V1_FROM))
      .then([policyPublished(droneAppPolicyV2(), POLICY_V1_FROM)]);
  });

  describe('the version must be the latest + 1', () => {
    it('refuses a first version other than 1', () => {
      const error = spec
        .given([])
        .when(publishPolicy(droneAppPolicyV2(), POLICY_V1_FROM))
        .thenThrows('policy-version-conflict');
      expect(error.message).toBe('the next policy version must be 1, got 2');
      expect(error.details).toEqual({ expectedVersion: 1 });
    });

    it('refuses to publish the latest version again', () => {
      spec
        .given([v1Published])
        .when(publishPolicy(droneAppPolicy(), POLICY_V2_FROM))
        .thenThrows(
          (error) =>
            error.code === 'policy-version-conflict' && error.details.expectedVersion === 2,
        );
    });

    it('refuses to skip a version', () => {
      spec
        .given([v1Published])
        .when(publishPolicy(droneAppPolicy({ version: 3 }), POLICY_V2_FROM))
        .thenThrows(
          (error) =>
            error.code === 'policy-version-conflict' && error.details.expectedVersion === 2,
        );
    });
  });

  describe('effectiveFrom', () => {
    it('refuses a version taking effect before the version it supersedes', () => {
      const error = spec
        .given([v1Published])
        .when(publishPolicy(droneAppPolicyV2(), plus(POLICY_V1_FROM, -1)))
        .thenThrows('invalid-time');
      expect(error.message).toBe(
        'a policy version cannot take effect before the version it supersedes',
      );
    });

    it.each(['2026-01-01', '2026-01-01T00:00:00Z', 'tomorrow'])(
      'refuses "%s", which is not an ISO-8601 UTC instant with milliseconds',
      (effectiveFrom) => {
        spec
          .given([])
          .when(publishPolicy(droneAppPolicy(), effectiveFrom))
          .thenThrows('invalid-time');
        spec
          .given([v1Published])
          .when(publishPolicy(droneAppPolicyV2(), effectiveFrom))
          .thenThrows('invalid-time');
      },
    );

    it('refuses a version taking effect in the past, unless the caller may back-date', () => {
      const now = Date.parse(plus(POLICY_V1_FROM, DAY));
      const past = plus(POLICY_V1_FROM, DAY - 60_001);
      const error = spec
        .given([v1Published])
        .when(
          publishPolicy(droneAppPolicyV2(), past, {
            now,
            maxClockSkewMs: 60_000,
            mayBackdate: false,
          }),
        )
        .thenThrows('invalid-time');
      expect(error.message).toMatch(/cannot take effect in the past/);
      spec
        .given([v1Published])
        .when(
          publishPolicy(droneAppPolicyV2(), past, {
            now,
            maxClockSkewMs: 60_000,
            mayBackdate: true,
          }),
        )
        .then([policyPublished(droneAppPolicyV2(), past)]);
    });

    it('accepts a version within the clock skew, and one scheduled for the future', () => {
      const now = Date.parse(plus(POLICY_V1_FROM, DAY));
      const clock = { now, maxClockSkewMs: 60_000, mayBackdate: false };
      const withinSkew = plus(POLICY_V1_FROM, DAY - 60_000);
      spec
        .given([v1Published])
        .when(publishPolicy(droneAppPolicyV2(), withinSkew, clock))
        .then([policyPublished(droneAppPolicyV2(), withinSkew)]);
      const scheduled = plus(POLICY_V1_FROM, 30 * DAY);
      spec
        .given([v1Published])
        .when(publishPolicy(droneAppPolicyV2(), scheduled, clock))
        .then([policyPublished(droneAppPolicyV2(), scheduled)]);
    });

    it('accepts a version taking effect long after the previous one', () => {
      spec
        .given([v1Published])
        .when(publishPolicy(droneAppPolicyV2(), plus(POLICY_V1_FROM, 365 * DAY)))
        .then([policyPublished(droneAppPolicyV2(), plus(POLICY_V1_FROM, 365 * DAY))]);
    });
  });

  it('checks the document before the version number', () => {
    spec
      .given([v1Published])
      .when(publishPolicy(droneAppPolicy({ version: 7, categories: [] }), POLICY_V2_FROM))
      .thenThrows('invalid-policy');
  });
});
