import { createHash, randomBytes, randomInt } from 'node:crypto';

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

/** Every form in which a value could leak: as text, encoded, or as an unkeyed hash. */
function leakForms(value: string): Map<string, Buffer> {
  const forms = new Map<string, Buffer>();
  const add = (label: string, text: string, encoding: BufferEncoding = 'utf8') =>
    forms.set(label, Buffer.from(text, encoding));
  for (const variant of new Set([value, value.toLowerCase(), value.toUpperCase()])) {
    add(`utf8 ${variant}`, variant);
    add(`utf16 ${variant}`, variant, 'utf16le');
    add(`base64 ${variant}`, Buffer.from(variant).toString('base64').replace(/=+$/, ''));
    add(`base64url ${variant}`, Buffer.from(variant).toString('base64url'));
    add(`hex ${variant}`, Buffer.from(variant).toString('hex'));
    const digest = createHash('sha256').update(variant).digest();
    add(`sha256-hex ${variant}`, digest.toString('hex'));
    add(`sha256-base64url ${variant}`, digest.toString('base64url'));
    forms.set(`sha256-raw ${variant}`, digest);
  }
  return forms;
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
