import { toMillis } from '../../../shared/time/instant';
import type { CategoryDefinition, PolicyDocument } from './policy-document';
import type { PolicyPublished } from './policy.events';

export interface PolicyVersion {
  readonly document: PolicyDocument;
  /** Epoch ms at which the version takes effect. */
  readonly effectiveFrom: number;
}

/**
 * Every published version of a tenant's policy in version order. Rules that depend on
 * time ask which version was in force at an instant.
 */
export class PolicyHistory {
  private constructor(readonly versions: readonly PolicyVersion[]) {}

  static empty(): PolicyHistory {
    return new PolicyHistory([]);
  }

  static of(events: readonly PolicyPublished[]): PolicyHistory {
    return events.reduce((history, event) => history.with(event), PolicyHistory.empty());
  }

  with(event: PolicyPublished): PolicyHistory {
    return new PolicyHistory([
      ...this.versions,
      { document: event.policy, effectiveFrom: toMillis(event.occurredAt) },
    ]);
  }

  get latest(): PolicyVersion | undefined {
    return this.versions[this.versions.length - 1];
  }

  /** The version in force at `millis`: the newest one that had taken effect by then. */
  inForceAt(millis: number): PolicyVersion | undefined {
    let found: PolicyVersion | undefined;
    for (const version of this.versions) {
      if (version.effectiveFrom <= millis) found = version;
    }
    return found;
  }

  category(document: PolicyDocument, key: string): CategoryDefinition | undefined {
    return document.categories.find((c) => c.key === key);
  }

  /**
   * The earliest instant after a grant given under `grantedUnder` at which a later version
   * requiring re-consent for `category` took effect, or undefined when none did.
   */
  lapseOf(category: string, grantedUnder: number, grantedAt: number): number | undefined {
    for (const version of this.versions) {
      if (version.document.version <= grantedUnder) continue;
      if (!version.document.reconsentRequired.includes(category)) continue;
      return Math.max(version.effectiveFrom, grantedAt);
    }
    return undefined;
  }
}
