import type { StandingBasis, Permission } from '../../consent/domain';

/** What the per-tenant summary counts about subjects as a whole. */
export type SubjectMetric = 'registered' | 'active' | 'local-data-mode' | 'erased';

/** What is counted: subjects in a state, or subjects permitted a combination on a basis. */
type CountKey =
  | { readonly metric: SubjectMetric }
  | ({ readonly metric: 'permitted'; readonly basis: StandingBasis } & Permission);

/** The key's columns as stored: the combination and basis are '' for subject metrics. */
export interface CountKeyColumns {
  readonly metric: string;
  readonly category: string;
  readonly recipient: string;
  readonly purpose: string;
  readonly basis: string;
}

export function columnsOf(key: CountKey): CountKeyColumns {
  return key.metric === 'permitted'
    ? key
    : { metric: key.metric, category: '', recipient: '', purpose: '', basis: '' };
}

const SEPARATOR = '\u0000';

/** One string per key, for maps; `columnsFromText` reverses it. */
export function keyText(columns: CountKeyColumns): string {
  return [columns.metric, columns.category, columns.recipient, columns.purpose, columns.basis].join(
    SEPARATOR,
  );
}

export function columnsFromText(text: string): CountKeyColumns {
  const [metric = '', category = '', recipient = '', purpose = '', basis = ''] =
    text.split(SEPARATOR);
  return { metric, category, recipient, purpose, basis };
}
