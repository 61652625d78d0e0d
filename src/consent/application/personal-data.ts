import { Inject, Injectable } from '@nestjs/common';
import type { DataKey } from '../../keys';
import { openField, sealField, SUBJECT_KEYS } from '../../keys';
import type { SubjectKeyStore } from '../../keys/subject-keys/subject-key-store.port';
import { asSealed, type SealedValue } from '../../shared/domain/sealed-value';

/** Which personal field a value is: bound into its ciphertext, so it cannot be moved. */
type PersonalField = 'appSubjectId' | 'email' | 'phone' | 'location';

/**
 * Seals personal fields with the subject's data key before they enter an event, and opens
 * them for answers. Once the key is destroyed (erasure), every field reads as erased.
 */
@Injectable()
export class PersonalData {
  constructor(@Inject(SUBJECT_KEYS) private readonly keys: SubjectKeyStore) {}

  /** The subject's key, created on first use (registration); idempotent. */
  async keyFor(tenantId: string, subjectId: string): Promise<DataKey> {
    return this.keys.create(tenantId, subjectId);
  }

  /**
   * The key of a registered subject, or undefined when there is none (unknown subject: the
   * decider refuses the command) or it was destroyed (erased: nothing personal is stored).
   */
  async existingKey(tenantId: string, subjectId: string): Promise<DataKey | undefined> {
    const key = await this.keys.get(tenantId, subjectId);
    return key === 'destroyed' ? undefined : key;
  }

  seal(
    key: DataKey,
    tenantId: string,
    subjectId: string,
    field: PersonalField,
    plaintext: string,
  ): SealedValue {
    return asSealed(sealField(plaintext, key, { tenantId, subjectId, field }));
  }

  /** The plaintext, or undefined once the subject's key is destroyed or the field redacted. */
  async open(
    tenantId: string,
    subjectId: string,
    field: PersonalField,
    sealed: SealedValue,
  ): Promise<string | undefined> {
    // A redacted field holds its digest instead of a token (ADR 0017): erased, like a shredded one.
    if (typeof sealed !== 'string') return undefined;
    const key = await this.existingKey(tenantId, subjectId);
    return key && openField(sealed, key, { tenantId, subjectId, field });
  }
}
