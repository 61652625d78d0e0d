/**
 * A free-text field cannot be stored for a subject whose data key is destroyed: it would
 * have to be stored in plaintext. Names the pseudonym only.
 */
export class SubjectShreddedError extends Error {
  readonly code = 'subject-shredded';
  constructor(readonly subjectId: string) {
    super(
      `the personal data of subject ${subjectId} is erased, so no free-text reason can be stored for it; complete the request once every recipient has confirmed`,
    );
    this.name = 'SubjectShreddedError';
  }
}
