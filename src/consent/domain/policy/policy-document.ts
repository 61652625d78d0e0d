/**
 * A tenant's catalogue of what data may flow where and on what default basis, as published.
 * Versions are numbered 1, 2, 3…; each publication is a `policy-published` event.
 */
export interface PolicyDocument {
  readonly version: number;
  /** Data-centre regions subjects can reside in (e.g. `cn`, `row`). */
  readonly regions: readonly string[];
  readonly categories: readonly CategoryDefinition[];
  readonly purposes: readonly PurposeDefinition[];
  readonly recipients: readonly RecipientDefinition[];
  /**
   * Categories whose change in this version is material: grants given under an earlier
   * version lapse when this version takes effect, until the subject grants again.
   */
  readonly reconsentRequired: readonly string[];
}

/**
 * - `opt-in`: flows only with the subject's grant.
 * - `opt-out`: flows by default until the subject revokes.
 * - `mandatory`: always flows (e.g. geofencing checks); cannot be revoked; only Local Data
 *   Mode, residency and erasure stop it.
 * - `per-transfer`: never flows by standing consent; each transfer is a user-initiated sync.
 */
export type CategoryDefault = 'opt-in' | 'opt-out' | 'mandatory' | 'per-transfer';
export const CATEGORY_DEFAULTS: readonly CategoryDefault[] = [
  'opt-in',
  'opt-out',
  'mandatory',
  'per-transfer',
];

/** How exact the data may be when it leaves: e.g. location coarsened by up to 10 km. */
export type Precision = 'precise' | 'approximate' | 'aggregate';
export const PRECISIONS: readonly Precision[] = ['precise', 'approximate', 'aggregate'];

export interface CategoryDefinition {
  readonly key: string;
  readonly description: string;
  readonly default: CategoryDefault;
  /** Precisions at which this category may leave the device. */
  readonly precisions: readonly Precision[];
  /** Recipients this category may flow to. */
  readonly recipients: readonly string[];
  /** Purposes this category may be used for. */
  readonly purposes: readonly string[];
}

interface PurposeDefinition {
  readonly key: string;
  readonly description: string;
}

export interface RecipientDefinition {
  readonly key: string;
  readonly name: string;
  readonly kind: 'first-party' | 'processor' | 'third-party';
  /** The data centre the recipient receives data in; must equal the subject's residency. */
  readonly region: string;
}
