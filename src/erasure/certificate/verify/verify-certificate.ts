import { UnusableInputError } from '../../../audit/verify';
import { hashLeaf, sameHash, verifyInclusion, ProofVerificationError } from '../../../audit/merkle';
import {
  type Checkpoint,
  openCheckpoint,
  NoteError,
  decodeStrictBase64,
  openNote,
  parseNote,
} from '../../../audit/note';
import type { NoteVerifier } from '../../../audit/note';
import type { JsonValue } from '../../../event-store/event-store.port';
import {
  canonicalJson,
  CERTIFICATE_FORMAT,
  CERTIFICATE_HEADER,
  type ErasureCertificateStatement,
} from '../erasure-certificate';
import { checkCompletionLeaf } from './completion-leaf-check';
import { checkDeadlines } from './deadline-check';
import { asStatement, isObject, shapeProblems } from './certificate-shape';

interface CertificateVerification {
  /** One line per failed check, `<what>: <why>`; empty when the certificate verifies. */
  readonly failures: readonly string[];
  readonly statement: ErasureCertificateStatement;
}

/**
 * Verifies an erasure certificate offline with the log's verifier key (docs/adr/0016):
 * the certificate's signature, the checkpoint's signature, the completion leaf's inclusion
 * proof in that checkpoint, that the statement agrees with the leaf it certifies, and the
 * deadline arithmetic. Every check runs, so the report is complete. Throws
 * `UnusableInputError` for input that is not a version-1 certificate at all.
 */
export function verifyCertificate(
  message: string | Uint8Array,
  key: NoteVerifier,
): CertificateVerification {
  const { json, value } = readStatement(message);
  const failures: string[] = [];
  const fail = (what: string, why: string) => failures.push(`${what}: ${why}`);
  try {
    openNote(message, [key]);
  } catch (error) {
    if (!(error instanceof NoteError)) throw error;
    fail('signature', `the certificate does not verify with the key: ${error.message}`);
  }
  if (canonicalJson(value) !== json) fail('statement', 'it is not RFC 8785 canonical JSON');
  const shape = shapeProblems(value);
  for (const problem of shape) fail('statement', problem);
  const statement = asStatement(value);
  if (shape.length > 0) return { failures, statement };

  const { origin, tenant } = statement.log;
  if (key.name !== origin) {
    fail('log', `the verifier key is for the log ${key.name}, the certificate for ${origin}`);
  }
  if (!origin.endsWith(`/${tenant}`)) {
    fail('log', `the origin ${origin} is not a log of the tenant ${tenant}`);
  }
  const checkpoint = openedCheckpoint(statement, key, fail);
  checkInclusion(statement, checkpoint, fail);
  for (const problem of checkCompletionLeaf(statement)) fail('completion event', problem);
  for (const problem of checkDeadlines(statement.erasure)) fail('deadline', problem);
  return { failures, statement };
}

function readStatement(message: string | Uint8Array): { json: string; value: JsonValue } {
  let text: string;
  try {
    text = parseNote(message).text;
  } catch (error) {
    if (!(error instanceof NoteError)) throw error;
    throw new UnusableInputError(`the file is not a signed note: ${error.message}`);
  }
  const lines = text.split('\n');
  if (lines.length !== 3 || lines[0] !== CERTIFICATE_HEADER || lines[2] !== '') {
    throw new UnusableInputError(
      `the note is not an erasure certificate: its text is not the line "${CERTIFICATE_HEADER}" and one line of JSON`,
    );
  }
  const json = lines[1]!;
  let value: JsonValue;
  try {
    value = JSON.parse(json) as JsonValue;
  } catch {
    throw new UnusableInputError('the certificate statement is not JSON');
  }
  if (!isObject(value) || value.format !== CERTIFICATE_FORMAT || value.version !== 1) {
    throw new UnusableInputError(`the statement is not a version-1 ${CERTIFICATE_FORMAT}`);
  }
  return { json, value };
}

function openedCheckpoint(
  statement: ErasureCertificateStatement,
  key: NoteVerifier,
  fail: (what: string, why: string) => void,
): Checkpoint | undefined {
  try {
    const checkpoint = openCheckpoint(statement.checkpoint.note, key, statement.log.origin);
    if (checkpoint.size !== BigInt(statement.checkpoint.treeSize)) {
      fail(
        'checkpoint',
        `it is of tree size ${checkpoint.size}, not ${statement.checkpoint.treeSize}`,
      );
    }
    return checkpoint;
  } catch (error) {
    if (!(error instanceof NoteError)) throw error;
    fail('checkpoint', `the signed checkpoint does not verify with the key: ${error.message}`);
    return undefined;
  }
}

function checkInclusion(
  statement: ErasureCertificateStatement,
  checkpoint: Checkpoint | undefined,
  fail: (what: string, why: string) => void,
): void {
  const leaf = statement.completionEvent;
  const leafHash = hashLeaf(Buffer.from(leaf.leafInput, 'utf8'));
  const stated = decodeStrictBase64(leaf.leafHash);
  if (stated === undefined || !sameHash(leafHash, stated)) {
    fail('completion event', 'the leaf hash is not the hash of the leaf input');
  }
  if (checkpoint === undefined) return;
  const proof = statement.inclusionProof.map((node) => decodeStrictBase64(node));
  if (proof.some((node) => node === undefined)) {
    fail('inclusion proof', 'a proof node is not strict base64');
    return;
  }
  try {
    verifyInclusion(
      leaf.leafIndex,
      checkpoint.size,
      leafHash,
      proof as Buffer[],
      checkpoint.rootHash,
    );
  } catch (error) {
    if (!(error instanceof ProofVerificationError)) throw error;
    fail(
      'inclusion proof',
      `leaf ${leaf.leafIndex} is not proven in the checkpoint's tree: ${error.message}`,
    );
  }
}
