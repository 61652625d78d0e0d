/**
 * From the app's own subject id (personal data) to the subject's pseudonym, through a keyed
 * hash kept outside the event log. The app's id itself is never stored.
 */
export interface SubjectLookup {
  find(tenantId: string, appSubjectId: string): Promise<string | undefined>;
  /**
   * Pairs an app subject id with a pseudonym. Repeating the same pair is a no-op; pairing
   * either side with someone else throws `SubjectLookupConflictError`.
   */
  remember(tenantId: string, appSubjectId: string, subjectId: string): Promise<void>;
  /** Erasure: removes the subject's pairing, after which `find` no longer finds it. */
  forget(tenantId: string, subjectId: string): Promise<void>;
  close(): Promise<void>;
}
