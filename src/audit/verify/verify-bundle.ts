import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import type { NoteVerifier } from '../note/note-keys';
import type { VerificationSummary } from './bundle-verifier';
import { UnusableInputError } from './unusable-input.error';
import { verifyBundleLines, type VerifyOptions } from './verify-bundle-lines';

/** Lines between two progress reports. */
const PROGRESS_EVERY_LINES = 2000;

export { verifyBundleLines };

/**
 * Verifies a bundle file as a stream: memory stays flat however many events it holds.
 * Throws `UnusableInputError` when the file cannot be read or is not a bundle.
 */
export async function verifyBundleFile(
  path: string,
  key: NoteVerifier,
  options: VerifyOptions,
): Promise<VerificationSummary> {
  const totalBytes = await fileSize(path);
  const input = createReadStream(path);
  const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  let count = 0;
  async function* reporting(): AsyncGenerator<string> {
    for await (const line of lines) {
      yield line;
      count += 1;
      if (count % PROGRESS_EVERY_LINES === 0) options.onProgress?.(input.bytesRead, totalBytes);
    }
    options.onProgress?.(totalBytes, totalBytes);
  }
  try {
    return await verifyBundleLines(reporting(), key, options);
  } catch (error) {
    if (error instanceof UnusableInputError) throw error;
    if (isFileError(error)) throw new UnusableInputError(`cannot read ${path}: ${error.code}`);
    throw error;
  } finally {
    lines.close();
    input.destroy();
  }
}

async function fileSize(path: string): Promise<number> {
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new UnusableInputError(`${path} is not a file`);
    return info.size;
  } catch (error) {
    if (isFileError(error)) throw new UnusableInputError(`cannot read ${path}: ${error.code}`);
    throw error;
  }
}

/** Duck-typed: errors of `fs` may come from another realm (a test runner's VM context). */
function isFileError(error: unknown): error is { code: string } {
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as { code?: unknown }).code === 'string'
  );
}
