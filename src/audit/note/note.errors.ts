/** Errors of signed notes and checkpoints. Messages name keys and lines, never key material. */
export abstract class NoteError extends Error {
  abstract readonly code: string;
}

/** The text is not a well-formed signed note (or the text to sign could not become one). */
export class MalformedNoteError extends NoteError {
  readonly code = 'malformed-note';
}

/** No trusted key signed the note, or a trusted key's signature does not verify. */
export class NoteSignatureError extends NoteError {
  readonly code = 'note-signature';
}

/** A verifier or signer key text is malformed, or its key id does not match its key. */
export class InvalidNoteKeyError extends NoteError {
  readonly code = 'invalid-note-key';
}

/** A note's text is not a well-formed tlog checkpoint. */
export class MalformedCheckpointError extends NoteError {
  readonly code = 'malformed-checkpoint';
}
