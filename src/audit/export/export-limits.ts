import type { AppConfig } from '../../config';
import type { ExportLimits } from './export-request';

/**
 * Over HTTP a bundle is built in memory and sent whole, so it is bounded; a subject export
 * waits no longer than a read with a consistency token would.
 */
export function httpExportLimits(config: AppConfig): ExportLimits {
  return {
    maxEvents: config.audit.exportMaxEvents,
    waitMs: config.readYourWritesTimeoutMs,
    retryAfterMs: Math.min(config.audit.checkpointEveryMs, 60_000),
  };
}

/**
 * The CLI streams a bundle to a file, so any size goes; it waits long enough for the signer
 * (which runs in its process too) to sign a checkpoint holding a subject's newest events.
 */
export function cliExportLimits(config: AppConfig): ExportLimits {
  return {
    maxEvents: Number.POSITIVE_INFINITY,
    waitMs: config.audit.checkpointEveryMs + config.readYourWritesTimeoutMs,
    retryAfterMs: config.audit.checkpointEveryMs,
  };
}
