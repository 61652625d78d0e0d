import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '../../shared/domain/domain-error';
import type { SealedValue } from '../../shared/domain/sealed-value';
import { openField, sealField, SUBJECT_KEYS } from '../../keys';
import type { SubjectKeyStore } from '../../keys/subject-keys/subject-key-store.port';
import { SubjectShreddedError } from './subject-shredded.error';

/** The free-text fields of the workflow's events (see PERSONAL_FIELDS). */
type ReasonField = 'reason' | 'overrideReason';

/**
 * Reasons are free text, so personal data (DESIGN.md): they enter the events sealed with
 * the subject's data key, like e-mail and phone, and read as erased once it is destroyed.
 */
@Injectable()
export class ErasureReasons {
  constructor(@Inject(SUBJECT_KEYS) private readonly keys: SubjectKeyStore) {}

  async seal(
    tenantId: string,
    subjectId: string,
    field: ReasonField,
    text: string,
  ): Promise<SealedValue> {
    const key = await this.keys.get(tenantId, subjectId);
    if (key === undefined) {
      throw new DomainError('subject-not-registered', 'no subject with this id exists');
    }
    if (key === 'destroyed') throw new SubjectShreddedError(subjectId);
    return sealField(text, key, { tenantId, subjectId, field });
  }

  /** The text, or null once the subject's key is destroyed. */
  async open(
    tenantId: string,
    subjectId: string,
    field: ReasonField,
    sealed: SealedValue,
  ): Promise<string | null> {
    // A redacted reason holds its digest instead of a token (ADR 0017): erased.
    if (typeof sealed !== 'string') return null;
    const key = await this.keys.get(tenantId, subjectId);
    if (key === undefined || key === 'destroyed') return null;
    return openField(sealed, key, { tenantId, subjectId, field });
  }
}
