import { Controller, Get, Header, Inject, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/app-config.token';
import type { Caller } from '../../shared/tenancy/caller';
import { CurrentCaller } from '../../http/current-caller.decorator';
import { AuditExporter } from '../export/audit-exporter';
import { serializeBundleLine } from '../export/bundle-lines';
import { httpExportLimits } from '../export/export-limits';
import { countParameter } from './audit-parameters';
import { exportProblemOf } from './export-problems';
import { exportSelection } from './export-parameters';
import { Roles } from '../../auth/roles.decorator';

/** JSON Lines: one JSON object per line (docs/adr/0014). */
export const BUNDLE_CONTENT_TYPE = 'application/x-ndjson; charset=utf-8';

@ApiTags('audit')
@Controller('v1/audit/exports')
@Roles('auditor')
export class ExportsController {
  constructor(
    private readonly exporter: AuditExporter,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  @Header('content-type', BUNDLE_CONTENT_TYPE)
  @ApiOperation({
    summary: "An export bundle of one subject, or of a time range of the caller's tenant log",
    description:
      'JSON Lines (docs/adr/0014, src/audit/export/bundle.schema.json): a header with the signed checkpoint (and, for a subject, the flow windows the read side holds), one line per event as stored with its leaf index and inclusion proof, and an end line. Check it offline with `consent-ledger verify <bundle> --key <verifier key>`. Give subjectId, or from and/or to (transaction time, [from, to)). At most EXPORT_MAX_EVENTS events (413 otherwise; the CLI has no bound).',
  })
  @ApiQuery({ name: 'subjectId', required: false, description: "The subject's pseudonym" })
  @ApiQuery({ name: 'from', required: false, description: 'RFC 3339, inclusive' })
  @ApiQuery({ name: 'to', required: false, description: 'RFC 3339, exclusive' })
  @ApiQuery({
    name: 'treeSize',
    required: false,
    description: 'Prove against the checkpoint of this size (default: the latest)',
  })
  @ApiProduces('application/x-ndjson')
  @ApiOkResponse({
    description: 'The bundle, one JSON object per line',
    schema: { type: 'string' },
  })
  async export(
    @CurrentCaller() caller: Caller,
    @Query('subjectId') subjectId?: string,
    @Query('from') from?: string,
    @Query('to') to?: string,
    @Query('treeSize') treeSizeText?: string,
  ): Promise<string> {
    const selection = exportSelection(subjectId, from, to);
    const treeSize = countParameter('treeSize', treeSizeText, 1);
    const lines: string[] = [];
    try {
      await this.exporter.export(
        { tenant: caller.tenantId, selection, ...(treeSize !== undefined ? { treeSize } : {}) },
        httpExportLimits(this.config),
        (line) => {
          lines.push(serializeBundleLine(line));
        },
      );
    } catch (error) {
      throw exportProblemOf(error);
    }
    return lines.join('');
  }
}
