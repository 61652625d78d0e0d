import { erasureDeadline, latestExtendedDeadline } from '../../domain/erasure-deadline';
import { toIso, toMillis } from '../../../shared/time/instant';
import type { CertifiedErasure } from '../erasure-certificate';

/**
 * Re-does the Art. 12(3) arithmetic the statement claims: the original deadline is one
 * month from the request, an extension lies after it and within three months, and
 * "deadline met" is the completion's valid time against the deadline in force.
 */
export function checkDeadlines(erasure: CertifiedErasure): string[] {
  const problems: string[] = [];
  const requestedAt = toMillis(erasure.requestedAt);
  const original = erasureDeadline(requestedAt);
  if (erasure.originalDeadline !== toIso(original)) {
    problems.push(
      `one month from ${erasure.requestedAt} ends ${toIso(original)}, not ${erasure.originalDeadline}`,
    );
  }
  const deadline = toMillis(erasure.deadline);
  if (!erasure.extended && erasure.deadline !== erasure.originalDeadline) {
    problems.push('without an extension the deadline is the original one');
  }
  if (erasure.extended) {
    const latest = latestExtendedDeadline(requestedAt);
    if (deadline <= original || deadline > latest) {
      problems.push('an extended deadline lies after the original one and within three months');
    }
  }
  const met = toMillis(erasure.completedAt) <= deadline;
  if (erasure.deadlineMet !== met) {
    problems.push(
      `completed ${erasure.completedAt}, the deadline ${erasure.deadline} was ${met ? '' : 'not '}met`,
    );
  }
  if (toMillis(erasure.completedAt) < requestedAt) {
    problems.push('the completion precedes the request');
  }
  return problems;
}
