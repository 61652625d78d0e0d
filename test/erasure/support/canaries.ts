import { randomBytes, randomInt } from 'node:crypto';
import { leakForms } from '../../support/leak-forms';

/** Unique personal values that must never be found in plaintext (or a plain encoding) again. */
export function makeCanaries() {
  const tag = randomBytes(6).toString('hex');
  return {
    appSubjectId: `canary-app-${tag}`,
    email: `canary.${tag}@example.org`,
    phone: `+4179${String(randomInt(10_000_000, 99_999_999))}`,
    latitude: `47.${String(randomInt(1_000_000, 9_999_999))}3`,
    longitude: `8.${String(randomInt(1_000_000, 9_999_999))}7`,
    extensionReason: `canary extension reason ${tag}`,
    overrideReason: `canary override reason ${tag}`,
  };
}

/** Finds the canaries (in every leak form) and any extra byte strings in named sources. */
export class CanarySearch {
  private readonly needles: Map<string, Buffer>;

  constructor(values: readonly string[], extra: ReadonlyMap<string, Buffer> = new Map()) {
    this.needles = new Map([...values.flatMap((value) => [...leakForms(value)]), ...extra]);
  }

  /** Every (source, form) pair in which a needle shows up. */
  hitsIn(sources: ReadonlyMap<string, Buffer>): string[] {
    const hits: string[] = [];
    for (const [source, bytes] of sources) {
      for (const [form, needle] of this.needles) {
        if (bytes.includes(needle)) hits.push(`${source}: ${form}`);
      }
    }
    return hits;
  }
}
