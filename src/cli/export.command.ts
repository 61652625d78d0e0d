import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream, renameSync, rmSync, type WriteStream } from 'node:fs';
import type { Command } from 'commander';
import { AuditExporter, serializeBundleLine, cliExportLimits } from '../audit';
import { parseRfc3339 } from '../shared/time/rfc3339';
import type { BundleLine, ExportRequest, ExportSelection } from '../audit';
import type { AppConfig } from '../config';
import { loadConfig } from '../config';
import { TENANT_ID } from '../shared/tenancy/stream-names';
import { isUuid } from '../shared/ids/uuid';

interface ExportOptions {
  readonly subject?: string;
  readonly from?: string;
  readonly to?: string;
  readonly tenant?: string;
  readonly treeSize?: string;
  readonly out: string;
}

const DECIMAL = /^[1-9][0-9]*$/;

/** The options are not a valid export request; the message says what to change. */
class ExportUsageError extends Error {
  override readonly name = 'ExportUsageError';
}

/**
 * `consent-ledger export --subject <id> | --from <t> --to <t> [--tenant] [--tree-size] --out`:
 * writes an export bundle straight from the configured stores, without HTTP and without a
 * size bound. The bundle goes to a temporary file first and takes its name only once
 * complete, so a failed export leaves no half bundle behind.
 */
export function registerExportCommand(program: Command): void {
  program
    .command('export')
    .description(
      "write an export bundle (events, proofs, signed checkpoint; for a subject also its flow windows) of one subject or of a time range of a tenant's log, for `consent-ledger verify`",
    )
    .option('--subject <id>', "the subject's pseudonym")
    .option('--from <date-time>', 'RFC 3339 transaction time, inclusive (open if left out)')
    .option('--to <date-time>', 'RFC 3339 transaction time, exclusive (open if left out)')
    .option('--tenant <tenant>', 'the tenant whose log to export (default: DEFAULT_TENANT)')
    .option('--tree-size <n>', 'prove against the stored checkpoint of this size (default: latest)')
    .requiredOption('--out <file>', 'the bundle file to write (JSON Lines)')
    .action(async (options: ExportOptions) => {
      const config = loadConfig({ LOG_LEVEL: 'warn', ...process.env });
      const request = exportRequestOf(options, config);
      const app = await loadCreateApp()(config);
      try {
        const summary = await writeBundle(options.out, (sink) =>
          app.get(AuditExporter).export(request, cliExportLimits(config), sink),
        );
        process.stderr.write(
          `wrote ${summary.eventCount} events to ${options.out}, proven against ${summary.origin} at tree size ${summary.treeSize}\n`,
        );
      } finally {
        await app.close();
      }
    });
}

/**
 * NestJS is loaded only when the service is built: `verify` shares this command line and
 * must run without it. (`require`, not `import()`: this is CommonJS, where `import()` would
 * bypass the loader the tests and the build share.)
 */
function loadCreateApp(): CreateApp {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('../bootstrap') as { createApp: CreateApp }).createApp;
}

type CreateApp = typeof import('../bootstrap').createApp;

/** Checks the options; throws `ExportUsageError` naming what is wrong. */
function exportRequestOf(options: ExportOptions, config: AppConfig): ExportRequest {
  const tenant = options.tenant ?? config.consent.defaultTenant;
  if (!TENANT_ID.test(tenant)) {
    throw new ExportUsageError('--tenant must be a tenant id (lower-case letters, digits, "-")');
  }
  let treeSize: number | undefined;
  if (options.treeSize !== undefined) {
    treeSize = DECIMAL.test(options.treeSize) ? Number(options.treeSize) : Number.NaN;
    if (!Number.isSafeInteger(treeSize)) {
      throw new ExportUsageError('--tree-size must be a positive integer');
    }
  }
  return {
    tenant,
    selection: selectionOf(options),
    ...(treeSize !== undefined ? { treeSize } : {}),
  };
}

function selectionOf(options: ExportOptions): ExportSelection {
  const ranged = options.from !== undefined || options.to !== undefined;
  if ((options.subject !== undefined) === ranged) {
    throw new ExportUsageError('give either --subject <id>, or --from and/or --to');
  }
  if (options.subject !== undefined) {
    if (!isUuid(options.subject)) throw new ExportUsageError('--subject must be a UUID');
    return { kind: 'subject', subjectId: options.subject.toLowerCase() };
  }
  const from = instant('--from', options.from);
  const to = instant('--to', options.to);
  if (from !== undefined && to !== undefined && from >= to) {
    throw new ExportUsageError('--from must lie before --to');
  }
  return {
    kind: 'recorded-between',
    ...(from !== undefined ? { from } : {}),
    ...(to !== undefined ? { to } : {}),
  };
}

function instant(option: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const ms = parseRfc3339(text);
  if (ms === undefined) {
    throw new ExportUsageError(
      `${option} must be an RFC 3339 date-time, e.g. 2026-06-01T00:00:00Z`,
    );
  }
  return ms;
}

/** Streams the lines to a temporary file beside `path`, then renames it into place. */
async function writeBundle<T>(
  path: string,
  run: (sink: (line: BundleLine) => Promise<void>) => Promise<T>,
): Promise<T> {
  const temporary = `${path}.${randomBytes(4).toString('hex')}.partial`;
  const file = createWriteStream(temporary, { flags: 'wx', mode: 0o600 });
  await once(file, 'open');
  try {
    const result = await run((line) => write(file, serializeBundleLine(line)));
    file.end();
    await once(file, 'finish');
    renameSync(temporary, path);
    return result;
  } catch (error) {
    file.destroy();
    rmSync(temporary, { force: true });
    throw error;
  }
}

async function write(file: WriteStream, text: string): Promise<void> {
  if (!file.write(text)) await once(file, 'drain');
}
