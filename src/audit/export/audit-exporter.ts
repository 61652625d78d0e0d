import type { BundleSink } from './bundle-lines';
import type { ExportLimits, ExportRequest, ExportSources, ExportSummary } from './export-request';
import { exportRange } from './range-export';
import { exportSubject } from './subject-export';

/**
 * Makes export bundles (docs/adr/0014) for the HTTP endpoint and the CLI alike: the same
 * sources, different limits. Lines go to `sink` as they are made; a failure may come after
 * some lines, so a caller keeps them (HTTP) or writes them to a temporary file (CLI) until
 * the export returns.
 */
export class AuditExporter {
  constructor(private readonly sources: ExportSources) {}

  export(request: ExportRequest, limits: ExportLimits, sink: BundleSink): Promise<ExportSummary> {
    const { selection } = request;
    return selection.kind === 'subject'
      ? exportSubject(this.sources, limits, request, selection.subjectId, sink)
      : exportRange(this.sources, limits, request, selection, sink);
  }
}
