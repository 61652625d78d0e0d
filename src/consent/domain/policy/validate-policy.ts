import {
  CATEGORY_DEFAULTS,
  PRECISIONS,
  type CategoryDefinition,
  type PolicyDocument,
} from './policy-document';

const KEY = /^[a-z0-9][a-z0-9-]{0,62}$/;

/**
 * Structural rules a policy document must satisfy, as a list of problems (empty when
 * valid), each naming the offending path. The HTTP layer checks shapes and sizes; this
 * checks the meaning.
 */
export function findPolicyProblems(policy: PolicyDocument): string[] {
  const problems: string[] = [];
  const keysOf = (list: readonly { key: string }[]) => new Set(list.map((x) => x.key));

  checkKeys(
    'regions',
    policy.regions.map((key) => ({ key })),
    problems,
  );
  checkKeys('categories', policy.categories, problems);
  checkKeys('purposes', policy.purposes, problems);
  checkKeys('recipients', policy.recipients, problems);

  const regions = new Set(policy.regions);
  const purposes = keysOf(policy.purposes);
  const recipients = keysOf(policy.recipients);
  const categories = keysOf(policy.categories);

  policy.recipients.forEach((recipient, i) => {
    if (!regions.has(recipient.region)) {
      problems.push(`recipients[${i}].region "${recipient.region}" is not one of regions`);
    }
  });
  policy.categories.forEach((category, i) =>
    checkCategory(category, `categories[${i}]`, { purposes, recipients }, problems),
  );
  policy.reconsentRequired.forEach((key, i) => {
    if (!categories.has(key)) {
      problems.push(`reconsentRequired[${i}] "${key}" is not a category of this version`);
    }
  });
  if (!Number.isSafeInteger(policy.version) || policy.version < 1) {
    problems.push('version must be a positive integer');
  }
  return problems;
}

function checkKeys(path: string, list: readonly { key: string }[], problems: string[]): void {
  if (list.length === 0) problems.push(`${path} must not be empty`);
  const seen = new Set<string>();
  list.forEach(({ key }, i) => {
    if (!KEY.test(key)) {
      problems.push(`${path}[${i}] key "${key}" must be lower-case letters, digits and "-"`);
    }
    if (seen.has(key)) problems.push(`${path}[${i}] key "${key}" appears twice`);
    seen.add(key);
  });
}

function checkCategory(
  category: CategoryDefinition,
  path: string,
  known: { purposes: Set<string>; recipients: Set<string> },
  problems: string[],
): void {
  if (!CATEGORY_DEFAULTS.includes(category.default)) {
    problems.push(`${path}.default must be one of ${CATEGORY_DEFAULTS.join(', ')}`);
  }
  if (category.precisions.length === 0) problems.push(`${path}.precisions must not be empty`);
  for (const precision of category.precisions) {
    if (!PRECISIONS.includes(precision)) {
      problems.push(`${path}.precisions: "${precision}" is not one of ${PRECISIONS.join(', ')}`);
    }
  }
  if (category.recipients.length === 0) problems.push(`${path}.recipients must not be empty`);
  for (const recipient of category.recipients) {
    if (!known.recipients.has(recipient)) {
      problems.push(`${path}.recipients: "${recipient}" is not a declared recipient`);
    }
  }
  if (category.purposes.length === 0) problems.push(`${path}.purposes must not be empty`);
  for (const purpose of category.purposes) {
    if (!known.purposes.has(purpose)) {
      problems.push(`${path}.purposes: "${purpose}" is not a declared purpose`);
    }
  }
}
