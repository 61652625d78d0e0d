import type { DomainError } from '../../../shared/domain/domain-error';
import { deciderSpecification } from '../testing/decider-specification';
import { POLICY_V1_FROM, droneAppPolicy, publishPolicy, withCategory } from '../testing/fixtures';
import type { PolicyDocument, RecipientDefinition } from './policy-document';
import { policyDecider } from './policy.decider';
import { findPolicyProblems } from './validate-policy';

const spec = deciderSpecification(policyDecider);
const drone = droneAppPolicy();

/** Drone-app categories: [0] device-info … [8] media, [9] flight-logs. */
const deviceInfo = 'device-info';

function withRecipient(index: number, changes: Partial<RecipientDefinition>): PolicyDocument {
  return {
    ...drone,
    recipients: drone.recipients.map((r, i) => (i === index ? { ...r, ...changes } : r)),
  };
}

function problemsOf(error: DomainError): unknown {
  return error.details.problems;
}

describe('a policy document', () => {
  it('is valid as the example drone-app policy', () => {
    expect(findPolicyProblems(drone)).toEqual([]);
  });

  describe.each<[string, PolicyDocument, string[]]>([
    [
      'regions are empty',
      {
        ...drone,
        regions: [],
        recipients: drone.recipients.slice(0, 1),
        categories: [{ ...drone.categories[0]!, recipients: ['first-party-row'] }],
      },
      ['regions must not be empty', 'recipients[0].region "row" is not one of regions'],
    ],
    [
      'a region key is not lower-case',
      { ...drone, regions: ['cn', 'row', 'EU'] },
      ['regions[2] key "EU" must be lower-case letters, digits and "-"'],
    ],
    [
      'a region appears twice',
      { ...drone, regions: ['cn', 'row', 'cn'] },
      ['regions[2] key "cn" appears twice'],
    ],
    ['categories are empty', { ...drone, categories: [] }, ['categories must not be empty']],
    [
      'a category key starts with "-"',
      withCategory(drone, deviceInfo, { key: '-device-info' }),
      ['categories[0] key "-device-info" must be lower-case letters, digits and "-"'],
    ],
    [
      'a category key is longer than 63 characters',
      withCategory(drone, deviceInfo, { key: 'd'.repeat(64) }),
      [`categories[0] key "${'d'.repeat(64)}" must be lower-case letters, digits and "-"`],
    ],
    [
      'a category appears twice',
      withCategory(drone, 'flight-logs', { key: 'media' }),
      ['categories[9] key "media" appears twice'],
    ],
    [
      'purposes are empty',
      { ...drone, purposes: [], categories: drone.categories.slice(0, 1) },
      [
        'purposes must not be empty',
        'categories[0].purposes: "diagnostics" is not a declared purpose',
        'categories[0].purposes: "service-improvement" is not a declared purpose',
      ],
    ],
    [
      'a purpose appears twice',
      { ...drone, purposes: [...drone.purposes, { key: 'diagnostics', description: 'again' }] },
      ['purposes[5] key "diagnostics" appears twice'],
    ],
    [
      'recipients are empty',
      { ...drone, recipients: [], categories: [drone.categories[0]!] },
      [
        'recipients must not be empty',
        'categories[0].recipients: "first-party-row" is not a declared recipient',
        'categories[0].recipients: "first-party-cn" is not a declared recipient',
      ],
    ],
    [
      'a recipient key has a space',
      withRecipient(2, { key: 'map provider' }),
      [
        'recipients[2] key "map provider" must be lower-case letters, digits and "-"',
        'categories[3].recipients: "map-provider-row" is not a declared recipient',
      ],
    ],
    [
      'a recipient appears twice',
      withRecipient(1, { key: 'first-party-row' }),
      [
        'recipients[1] key "first-party-row" appears twice',
        ...[0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map(
          (i) => `categories[${i}].recipients: "first-party-cn" is not a declared recipient`,
        ),
      ],
    ],
    [
      "a recipient's region is not one of the regions",
      withRecipient(0, { region: 'eu' }),
      ['recipients[0].region "eu" is not one of regions'],
    ],
    [
      'a category has an unknown default',
      withCategory(drone, deviceInfo, { default: 'sometimes' as 'opt-in' }),
      ['categories[0].default must be one of opt-in, opt-out, mandatory, per-transfer'],
    ],
    [
      'a category has no precision',
      withCategory(drone, deviceInfo, { precisions: [] }),
      ['categories[0].precisions must not be empty'],
    ],
    [
      'a category has an unknown precision',
      withCategory(drone, deviceInfo, { precisions: ['precise', 'exact' as 'precise'] }),
      ['categories[0].precisions: "exact" is not one of precise, approximate, aggregate'],
    ],
    [
      'a category has no recipient',
      withCategory(drone, deviceInfo, { recipients: [] }),
      ['categories[0].recipients must not be empty'],
    ],
    [
      'a category names an undeclared recipient',
      withCategory(drone, deviceInfo, { recipients: ['first-party-row', 'data-broker'] }),
      ['categories[0].recipients: "data-broker" is not a declared recipient'],
    ],
    [
      'a category has no purpose',
      withCategory(drone, deviceInfo, { purposes: [] }),
      ['categories[0].purposes must not be empty'],
    ],
    [
      'a category names an undeclared purpose',
      withCategory(drone, deviceInfo, { purposes: ['marketing'] }),
      ['categories[0].purposes: "marketing" is not a declared purpose'],
    ],
    [
      'reconsentRequired names a category the version does not have',
      { ...drone, reconsentRequired: ['media', 'contacts'] },
      ['reconsentRequired[1] "contacts" is not a category of this version'],
    ],
    ['the version is 0', { ...drone, version: 0 }, ['version must be a positive integer']],
    [
      'the version is not an integer',
      { ...drone, version: 1.5 },
      ['version must be a positive integer'],
    ],
  ])('is refused when %s', (_situation, policy, problems) => {
    it('lists exactly the problems, each with its path', () => {
      expect(findPolicyProblems(policy)).toEqual(problems);
    });

    it('is refused by publication with the problems in the message and the details', () => {
      const error = spec
        .given([])
        .when(publishPolicy(policy, POLICY_V1_FROM))
        .thenThrows('invalid-policy');
      expect(problemsOf(error)).toEqual(problems);
      expect(error.message).toBe(`the policy is not valid: ${problems.join('; ')}`);
    });
  });

  it('lists every problem when there are several', () => {
    const policy = withCategory({ ...drone, version: -1 }, 'media', {
      precisions: [],
      purposes: ['marketing'],
    });
    expect(findPolicyProblems(policy)).toEqual([
      'categories[8].precisions must not be empty',
      'categories[8].purposes: "marketing" is not a declared purpose',
      'version must be a positive integer',
    ]);
  });
});
