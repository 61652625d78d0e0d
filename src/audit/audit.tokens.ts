/** Nest tokens of the audit module. */
export const CHECKPOINT_SIGNING_KEY = Symbol('CheckpointSigningKey');
export const CHECKPOINT_SIGNER = Symbol('CheckpointSigner');
export const SIGNER_POLL_MS = Symbol('CheckpointSignerPollMs');
