import type { Permission, SubjectEvent } from '../subject/subject.events';

/**
 * Which windows of its subject a new fact can change: a grant or revoke only its own
 * combination's, a sync only its combination's one-off flows (and only when it was recorded
 * on its one-off consent), a refused sync or an erasure workflow step nothing (the request
 * already closed the windows), anything else (registration, a Local Data Mode switch, an
 * erasure request) every combination's. Returns the fact itself as its combination.
 */
export function factChangeScope(event: SubjectEvent): Permission | 'all' | 'nothing' {
  switch (event.type) {
    case 'consent-granted':
    case 'consent-revoked':
      return event;
    case 'sync-recorded':
      return event.basis === 'one-off-sync' ? event : 'nothing';
    case 'sync-refused':
    case 'erasure-processor-notified':
    case 'erasure-processor-confirmed':
    case 'erasure-deadline-extended':
    case 'erasure-completed':
      return 'nothing';
    default:
      return 'all';
  }
}
