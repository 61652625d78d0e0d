import {
  DAY,
  POLICY_V1_FROM,
  POLICY_V2_FROM,
  droneAppPolicy,
  droneAppPolicyV2,
  plus,
  policyPublished,
} from '../testing/fixtures';
import { toMillis } from '../../../shared/time/instant';
import { PolicyHistory } from './policy-history';

const v1From = toMillis(POLICY_V1_FROM);
const v2From = toMillis(POLICY_V2_FROM);
const history = PolicyHistory.of([
  policyPublished(droneAppPolicy(), POLICY_V1_FROM),
  policyPublished(droneAppPolicyV2(), POLICY_V2_FROM),
]);

describe('PolicyHistory', () => {
  it('keeps the versions in publication order', () => {
    expect(history.versions.map((v) => [v.document.version, v.effectiveFrom])).toEqual([
      [1, v1From],
      [2, v2From],
    ]);
    expect(history.latest?.document.version).toBe(2);
  });

  it('has no latest version and none in force when nothing was published', () => {
    expect(PolicyHistory.empty().latest).toBeUndefined();
    expect(PolicyHistory.empty().inForceAt(v2From)).toBeUndefined();
  });

  it('is not changed by publishing into a copy', () => {
    const v1Only = PolicyHistory.of([policyPublished(droneAppPolicy(), POLICY_V1_FROM)]);
    v1Only.with(policyPublished(droneAppPolicyV2(), POLICY_V2_FROM));
    expect(v1Only.versions).toHaveLength(1);
  });

  describe('inForceAt', () => {
    it.each([
      ['before the first version took effect', v1From - 1, undefined],
      ['at the instant the first version takes effect', v1From, 1],
      ['between the two versions', v2From - 1, 1],
      ['at the instant the second version takes effect', v2From, 2],
      ['long after', v2From + 400 * DAY, 2],
    ])('%s', (_when, at, version) => {
      expect(history.inForceAt(at)?.document.version).toBe(version);
    });

    it('picks the newer of two versions taking effect at the same instant', () => {
      const sameInstant = PolicyHistory.of([
        policyPublished(droneAppPolicy(), POLICY_V1_FROM),
        policyPublished(droneAppPolicyV2(), POLICY_V1_FROM),
      ]);
      expect(sameInstant.inForceAt(v1From)?.document.version).toBe(2);
    });
  });

  describe('lapseOf', () => {
    const grantedAt = v1From + DAY;

    it('is the instant a later version requiring re-consent takes effect', () => {
      expect(history.lapseOf('approximate-location', 1, grantedAt)).toBe(v2From);
    });

    it('is undefined for a category the later version does not list', () => {
      expect(history.lapseOf('device-info', 1, grantedAt)).toBeUndefined();
    });

    it('is undefined for a grant given under the version requiring re-consent', () => {
      expect(history.lapseOf('approximate-location', 2, v2From + DAY)).toBeUndefined();
    });

    it('is undefined when no version requires re-consent', () => {
      const v1Only = PolicyHistory.of([policyPublished(droneAppPolicy(), POLICY_V1_FROM)]);
      expect(v1Only.lapseOf('approximate-location', 1, grantedAt)).toBeUndefined();
    });

    it('is the grant itself when the version requiring re-consent already applied then', () => {
      expect(history.lapseOf('approximate-location', 1, v2From + DAY)).toBe(v2From + DAY);
    });

    it('is the earliest of several versions requiring re-consent', () => {
      const v3 = droneAppPolicy({ version: 3, reconsentRequired: ['approximate-location'] });
      const v2WithoutReconsent = droneAppPolicy({ version: 2 });
      const longer = PolicyHistory.of([
        policyPublished(droneAppPolicy(), POLICY_V1_FROM),
        policyPublished(v2WithoutReconsent, POLICY_V2_FROM),
        policyPublished(v3, plus(POLICY_V2_FROM, DAY)),
      ]);
      expect(longer.lapseOf('approximate-location', 1, grantedAt)).toBe(v2From + DAY);
      expect(history.lapseOf('app-performance', 1, grantedAt)).toBe(v2From);
    });
  });

  it('finds a category of a document by key', () => {
    expect(history.category(droneAppPolicy(), 'media')?.default).toBe('opt-in');
    expect(history.category(droneAppPolicy(), 'contacts')).toBeUndefined();
  });
});
