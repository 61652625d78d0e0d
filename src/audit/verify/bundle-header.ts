import {
  BUNDLE_FORMAT,
  type BundleHeader,
  type BundleSelection,
  READABLE_BUNDLE_VERSIONS,
} from '../export/export-bundle';
import { isObject } from './bundle-entry';
import { UnusableInputError } from './unusable-input.error';

/**
 * The first line of a bundle, checked: without a well-formed header of a known format and
 * version there is nothing to verify against, so that is unusable input, not a failure.
 */
export function parseHeader(firstLine: string | undefined): BundleHeader {
  if (firstLine === undefined) throw new UnusableInputError('the bundle is empty');
  let header: unknown;
  try {
    header = JSON.parse(firstLine);
  } catch {
    throw new UnusableInputError('the first line of the bundle is not JSON');
  }
  if (!isObject(header) || header.kind !== 'header' || header.format !== BUNDLE_FORMAT) {
    throw new UnusableInputError(`the first line is not the header of a ${BUNDLE_FORMAT} bundle`);
  }
  if (typeof header.version !== 'number' || !READABLE_BUNDLE_VERSIONS.includes(header.version)) {
    throw new UnusableInputError(
      `this verifier reads bundle versions ${READABLE_BUNDLE_VERSIONS.join(' and ')}, not ${JSON.stringify(header.version)}`,
    );
  }
  const problems: string[] = [];
  if (typeof header.tenant !== 'string') problems.push('tenant is not a string');
  if (typeof header.origin !== 'string') problems.push('origin is not a string');
  if (typeof header.exportedAt !== 'string') problems.push('exportedAt is not a string');
  if (!isObject(header.checkpoint) || typeof header.checkpoint.note !== 'string') {
    problems.push('checkpoint.note is not a string');
  }
  if (!isSelection(header.selection)) problems.push('selection is not a known selection');
  if (header.flowWindows !== undefined && !Array.isArray(header.flowWindows)) {
    problems.push('flowWindows is not a list');
  }
  if (problems.length > 0) {
    throw new UnusableInputError(`the bundle header is malformed: ${problems.join('; ')}`);
  }
  return header as unknown as BundleHeader;
}

function isSelection(value: unknown): value is BundleSelection {
  if (!isObject(value)) return false;
  if (value.kind === 'subject') return typeof value.subjectId === 'string';
  const bound = (v: unknown) => v === null || typeof v === 'string';
  return value.kind === 'recorded-between' && bound(value.from) && bound(value.to);
}
