import { Presets, SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import type { VerificationSummary } from '../audit/verify';
import {
  UnusableInputError,
  formatFailure,
  readVerifierKey,
  verifyBundleFile,
} from '../audit/verify';

/** Exit codes of `consent-ledger verify`. */
export const VERIFY_EXIT = { verified: 0, failed: 1, unusable: 2 } as const;

/** Below this size a bundle verifies faster than a progress bar is worth. */
const PROGRESS_MIN_BYTES = 1024 * 1024;

interface VerifyOutput {
  /** One line of the report (stdout). */
  readonly line: (text: string) => void;
  /** Where a progress bar is drawn; none when undefined. */
  readonly progress?: NodeJS.WritableStream;
}

/**
 * `consent-ledger verify <bundle> --key <verifier key or file>`: checks an export bundle
 * offline, with nothing but the log's verifier key (no server, no database).
 */
export function registerVerifyCommand(program: Command): void {
  program
    .command('verify')
    .description(
      "verify an export bundle offline: the checkpoint's signature, every event's leaf and inclusion proof, feed order, and for a subject the flow windows replayed from its events",
    )
    .argument('<bundle>', 'bundle file from `consent-ledger export` or GET /v1/audit/exports')
    .requiredOption(
      '--key <key>',
      "the log's verifier key (<origin>+<key id>+<base64>), or a file holding it",
    )
    .action(async (bundle: string, options: { key: string }) => {
      process.exitCode = await runVerify(bundle, options.key, {
        line: (text) => process.stdout.write(`${text}\n`),
        ...(process.stderr.isTTY ? { progress: process.stderr } : {}),
      });
    });
}

/** Verifies and reports; resolves to the exit code (0 verified, 1 failed, 2 unusable input). */
export async function runVerify(
  bundlePath: string,
  keyOrFile: string,
  output: VerifyOutput,
): Promise<number> {
  let bar: SingleBar | undefined;
  try {
    const key = readVerifierKey(keyOrFile);
    const summary = await verifyBundleFile(bundlePath, key, {
      onFailure: (failure) => output.line(formatFailure(failure)),
      onProgress: (bytes, total) => {
        if (output.progress === undefined || total < PROGRESS_MIN_BYTES) return;
        bar ??= startBar(output.progress, total);
        bar.update(bytes);
      },
    });
    bar?.stop();
    output.line(verdict(summary));
    return summary.failures === 0 ? VERIFY_EXIT.verified : VERIFY_EXIT.failed;
  } catch (error) {
    bar?.stop();
    if (!(error instanceof UnusableInputError)) throw error;
    output.line(`unusable input: ${error.message}`);
    return VERIFY_EXIT.unusable;
  }
}

function startBar(stream: NodeJS.WritableStream, total: number): SingleBar {
  const bar = new SingleBar(
    {
      stream,
      format: 'verifying [{bar}] {percentage}% | {value}/{total} MiB | ETA {eta_formatted}',
      formatValue: (value, _options, type) =>
        type === 'value' || type === 'total' ? (value / 2 ** 20).toFixed(0) : String(value),
      clearOnComplete: true,
    },
    Presets.shades_classic,
  );
  bar.start(total, 0);
  return bar;
}

function verdict(summary: VerificationSummary): string {
  const { selection } = summary;
  const events =
    selection.kind === 'subject'
      ? `${summary.events} events of subject ${selection.subjectId} and its tenant's policy`
      : `${summary.events} events recorded from ${selection.from ?? "the log's start"} until ${selection.to ?? 'the checkpoint'}`;
  const against = `against ${summary.origin}${summary.treeSize === undefined ? '' : ` at tree size ${summary.treeSize}`}`;
  if (summary.failures > 0) return `FAILED: ${summary.failures} failures in ${events} ${against}`;
  const windows =
    summary.combinations === undefined
      ? ''
      : `; flow windows of ${summary.combinations} combinations replayed`;
  return `verified: ${events} ${against}${windows}; ${chains(summary.chains)}`;
}

/**
 * What the chains prove, and what they cannot yet: a left-out last event links to nothing,
 * so only checkpoints that commit to stream heads will show it (issue #18 item 2).
 */
function chains({ streams, fromFirst }: VerificationSummary['chains']): string {
  return `${fromFirst} of ${streams} streams chained back to their first event, none of those events left out before each stream's last one in the bundle (events after it are not proven absent yet)`;
}
