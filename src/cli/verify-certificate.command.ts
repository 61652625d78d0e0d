import { readFileSync, statSync } from 'node:fs';
import type { Command } from 'commander';
import { readVerifierKey, UnusableInputError } from '../audit/verify';
import { type ErasureCertificateStatement, verifyCertificate } from '../erasure/certificate/verify';

/** Exit codes of `consent-ledger verify-certificate`, as those of `verify`. */
const VERIFY_CERTIFICATE_EXIT = { verified: 0, failed: 1, unusable: 2 } as const;

/** A certificate is a few kilobytes; anything this large is not one. */
const MAX_CERTIFICATE_BYTES = 1024 * 1024;

/**
 * `consent-ledger verify-certificate <file> --key <verifier key or file>`: checks an erasure
 * certificate offline (docs/adr/0016), with nothing but the log's verifier key.
 */
export function registerVerifyCertificateCommand(program: Command): void {
  program
    .command('verify-certificate')
    .description(
      "verify an erasure certificate offline: its signature, the checkpoint's signature, the completion event's inclusion proof, and that the statement agrees with that event",
    )
    .argument('<certificate>', 'certificate file from GET …/erasure-requests/{id}/certificate')
    .requiredOption(
      '--key <key>',
      "the log's verifier key (<origin>+<key id>+<base64>), or a file holding it",
    )
    .action((file: string, options: { key: string }) => {
      process.exitCode = runVerifyCertificate(file, options.key, (text) =>
        process.stdout.write(`${text}\n`),
      );
    });
}

/** Verifies and reports; returns the exit code (0 verified, 1 failed, 2 unusable input). */
export function runVerifyCertificate(
  file: string,
  keyOrFile: string,
  line: (text: string) => void,
): number {
  try {
    const key = readVerifierKey(keyOrFile);
    const { failures, statement } = verifyCertificate(readCertificate(file), key);
    for (const failure of failures) line(failure);
    line(verdict(statement, failures.length));
    return failures.length === 0
      ? VERIFY_CERTIFICATE_EXIT.verified
      : VERIFY_CERTIFICATE_EXIT.failed;
  } catch (error) {
    if (!(error instanceof UnusableInputError)) throw error;
    line(`unusable input: ${error.message}`);
    return VERIFY_CERTIFICATE_EXIT.unusable;
  }
}

function readCertificate(file: string): Buffer {
  try {
    if (statSync(file).size > MAX_CERTIFICATE_BYTES) {
      throw new UnusableInputError(`${file} is too large to be an erasure certificate`);
    }
    return readFileSync(file);
  } catch (error) {
    if (error instanceof UnusableInputError) throw error;
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new UnusableInputError(`cannot read the certificate ${file}: ${code}`);
  }
}

function verdict(statement: ErasureCertificateStatement, failures: number): string {
  if (failures > 0) return `FAILED: ${failures} failures`;
  const { erasure, completionEvent, checkpoint, log } = statement;
  const what =
    erasure.scope === 'account'
      ? 'the whole account'
      : `the categories ${(erasure.categories ?? []).join(', ')}`;
  const processors = erasure.processors.length;
  const confirmed = erasure.processors.filter((p) => p.confirmedAt !== null).length;
  return [
    `verified: erasure ${erasure.erasureId} of ${what} of subject ${statement.subject}`,
    `completed ${erasure.completedAt} (${erasure.completion}; ${confirmed}/${processors} processors confirmed),`,
    `deadline ${erasure.deadline} ${erasure.deadlineMet ? 'met' : 'MISSED'};`,
    `completion event leaf ${completionEvent.leafIndex} proven in ${log.origin} at tree size ${checkpoint.treeSize}`,
  ].join(' ');
}
