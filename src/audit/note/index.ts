/**
 * The public face of src/audit/note: what other modules may import. Everything else in
 * this folder is internal (docs/architecture.md; dependency-cruiser rule `only-through-index`).
 */
export { openCheckpoint, parseCheckpoint } from './checkpoint';
export type { Checkpoint } from './checkpoint';
export { ed25519Verifier, parseSignerKey } from './note-keys';
export type { NoteVerifier } from './note-keys';
export { NoteError } from './note.errors';
export { openNote, parseNote, signNote } from './signed-note';
export { decodeStrictBase64 } from './strict-base64';
