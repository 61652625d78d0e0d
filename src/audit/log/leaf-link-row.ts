import { asNumber } from '../../read-store';
import type { ChainLink } from '../leaf';
import { asBytes } from './sql-hash-store';

/**
 * What a stored `audit_log_leaves` row (`leaf_format`, `previous_leaf`, `previous_hash`)
 * says its leaf links to: undefined for format 1, `'first'` for the first of its stream.
 */
export function linkOf(row: Record<string, unknown>): ChainLink | undefined {
  if (asNumber(row.leaf_format) === 1) return undefined;
  if (row.previous_leaf === null) return 'first';
  return {
    leafIndex: asNumber(row.previous_leaf),
    leafHash: asBytes(row.previous_hash).toString('hex'),
  };
}
