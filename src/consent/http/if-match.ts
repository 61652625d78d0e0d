import { ProblemException, PROBLEM_TYPES } from '../../http';

/**
 * Optimistic concurrency over HTTP: a subject's ETag is its stream revision, and a
 * command sent with `If-Match: "<revision>"` applies only if nobody changed the subject
 * since (409 with the current revision otherwise). Without If-Match the command is decided
 * on whatever the current state is.
 */
export function expectedRevisionFrom(header: string | undefined): number | undefined {
  if (header === undefined || header === '') return undefined;
  const match = /^(?:W\/)?"(\d{1,15})"$/.exec(header.trim());
  if (!match) {
    throw new ProblemException({
      type: PROBLEM_TYPES.validationError,
      title: 'Invalid If-Match header',
      status: 400,
      detail: 'If-Match must be the ETag of the subject as returned by the service, e.g. "3".',
      extensions: {
        errors: [{ field: 'If-Match', message: 'must be a quoted revision like "3"' }],
      },
    });
  }
  return Number(match[1]);
}

export function etagOf(revision: number): string {
  return `"${revision}"`;
}
