/** `SubjectKeyStore`: per-subject data keys, wrapped. */
export const SUBJECT_KEYS = Symbol('SubjectKeyStore');
/** `SubjectLookup`: app subject id → pseudonym, by keyed hash. */
export const SUBJECT_LOOKUP = Symbol('SubjectLookup');
/** `KeyEncryptionKeys`: the KMS port that wraps the data keys. */
export const KEY_ENCRYPTION_KEYS = Symbol('KeyEncryptionKeys');
/** `Buffer`: the 32-byte secret of `keyedDigest` for the lookup and request fingerprints. */
export const LOOKUP_SECRET = Symbol('LookupSecret');
