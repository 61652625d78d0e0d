/** A checkpoint is sent as the C2SP signed note it is, not wrapped in JSON. */
export const NOTE_CONTENT_TYPE = 'text/plain; charset=utf-8';

export const NOTE_RESPONSE = {
  description: 'A C2SP tlog-checkpoint signed as a C2SP signed note (Ed25519)',
  schema: { type: 'string' },
};
