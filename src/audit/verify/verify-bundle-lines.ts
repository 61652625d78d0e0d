import type { NoteVerifier } from '../note/note-keys';
import { BundleVerifier, type VerificationSummary } from './bundle-verifier';
import type { VerificationFailure } from './verification-failure';

export interface VerifyOptions {
  /** Told of each failure as soon as it is found. */
  readonly onFailure: (failure: VerificationFailure) => void;
  /** Told how far the file has been read, now and then. */
  readonly onProgress?: (bytesRead: number, totalBytes: number) => void;
}

/** Verifies the lines of a bundle (without their newlines), in order. */
export async function verifyBundleLines(
  lines: AsyncIterable<string> | Iterable<string>,
  key: NoteVerifier,
  options: VerifyOptions,
): Promise<VerificationSummary> {
  let verifier: BundleVerifier | undefined;
  for await (const line of lines) {
    if (verifier === undefined) verifier = new BundleVerifier(line, key, options.onFailure);
    else verifier.line(line);
  }
  return (verifier ?? new BundleVerifier(undefined, key, options.onFailure)).finish();
}
