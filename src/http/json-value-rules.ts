/** A value of a parsed body that no endpoint accepts, and what would be accepted. */
interface RefusedValue {
  /** Dotted path of the value (`checks[0].at`), or `body` for the whole body. */
  readonly field: string;
  readonly message: string;
}

/**
 * Finds the first value (in document order) that JSON can carry but no endpoint can use:
 *
 * - a number that overflowed to ±Infinity (`1e400`): it has no JSON form, so it can be
 *   neither canonicalised for the idempotency fingerprint nor stored in an event;
 * - a string or key with an unpaired UTF-16 surrogate (`"\ud800"`): not text, it cannot be
 *   encoded as UTF-8 or canonicalised (RFC 8785), so it could not be hashed into the audit
 *   log either.
 *
 * Iterative, with its own stack: the body's depth is bounded before parsing, but a check
 * that cannot overflow needs no such argument.
 */
export function findRefusedValue(body: unknown): RefusedValue | undefined {
  const pending: { value: unknown; field: string }[] = [{ value: body, field: '' }];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const { value, field } = next;
    if (typeof value === 'number') {
      if (!Number.isFinite(value)) {
        return {
          field: field || 'body',
          message: 'must be a finite number (at most ±1.7976931348623157e308)',
        };
      }
    } else if (typeof value === 'string') {
      if (!value.isWellFormed()) return { field: field || 'body', message: WELL_FORMED };
    } else if (Array.isArray(value)) {
      // Pushed in reverse, so that the first element is looked at first.
      for (let i = value.length - 1; i >= 0; i--) {
        pending.push({ value: value[i] as unknown, field: `${field}[${i}]` });
      }
    } else if (typeof value === 'object' && value !== null) {
      const entries = Object.entries(value as Record<string, unknown>);
      for (const [key] of entries) {
        if (!key.isWellFormed()) return { field: field || 'body', message: WELL_FORMED_KEYS };
      }
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, child] = entries[i]!;
        pending.push({ value: child, field: field ? `${field}.${key}` : key });
      }
    }
  }
  return undefined;
}

const WELL_FORMED = 'must be well-formed Unicode text (no unpaired surrogates)';
const WELL_FORMED_KEYS = 'must have member names that are well-formed Unicode text';
