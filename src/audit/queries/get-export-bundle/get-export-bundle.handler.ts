import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import type { AppConfig } from '../../../config';
import { APP_CONFIG } from '../../../config';
import { AuditExporter } from '../../export/audit-exporter';
import { serializeBundleLine } from '../../export/bundle-lines';
import { httpExportLimits } from '../../export/export-limits';
import { GetExportBundleQuery } from './get-export-bundle.query';

/** Builds the bundle in memory (bounded by EXPORT_MAX_EVENTS); the CLI streams instead. */
@QueryHandler(GetExportBundleQuery)
export class GetExportBundleHandler implements IQueryHandler<GetExportBundleQuery> {
  constructor(
    private readonly exporter: AuditExporter,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute({ tenantId, selection, treeSize }: GetExportBundleQuery): Promise<string> {
    const lines: string[] = [];
    await this.exporter.export(
      { tenant: tenantId, selection, ...(treeSize !== undefined ? { treeSize } : {}) },
      httpExportLimits(this.config),
      (line) => {
        lines.push(serializeBundleLine(line));
      },
    );
    return lines.join('');
  }
}
