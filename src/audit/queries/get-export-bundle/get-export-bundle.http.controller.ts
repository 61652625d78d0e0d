import { Controller, Get, Header, Query, UseInterceptors } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../../auth';
import { CurrentCaller } from '../../../http';
import type { Caller } from '../../../shared/tenancy/caller';
import { parseRfc3339 } from '../../../shared/time/rfc3339';
import type { ExportSelection } from '../../export/export-request';
import { AuditProblemsInterceptor } from '../../http/audit-problems.interceptor';
import { GetExportBundleQuery } from './get-export-bundle.query';
import { GetExportBundleRequest } from './get-export-bundle.request.dto';

/** JSON Lines: one JSON object per line (docs/adr/0014). */
const BUNDLE_CONTENT_TYPE = 'application/x-ndjson; charset=utf-8';

@ApiTags('audit')
@Controller('v1/audit/exports')
@UseInterceptors(AuditProblemsInterceptor)
@Roles('auditor')
export class GetExportBundleController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @Header('content-type', BUNDLE_CONTENT_TYPE)
  @ApiOperation({
    summary: "An export bundle of one subject, or of a time range of the caller's tenant log",
    description:
      'JSON Lines (docs/adr/0014, src/audit/export/bundle.schema.json): a header with the signed checkpoint (and, for a subject, the flow windows the read side holds), one line per event as stored with its leaf index and inclusion proof, and an end line. Check it offline with `consent-ledger verify <bundle> --key <verifier key>`. Give subjectId, or from and/or to (transaction time, [from, to)). At most EXPORT_MAX_EVENTS events (413 otherwise; the CLI has no bound).',
  })
  @ApiProduces('application/x-ndjson')
  @ApiOkResponse({
    description: 'The bundle, one JSON object per line',
    schema: { type: 'string' },
  })
  export(
    @CurrentCaller() caller: Caller,
    @Query() request: GetExportBundleRequest,
  ): Promise<string> {
    return this.queries.execute(
      new GetExportBundleQuery(
        caller.tenantId,
        selectionOf(request),
        request.treeSize === undefined ? undefined : Number(request.treeSize),
      ),
    );
  }
}

/** The validated query as what to export: subject ids lower-cased, times as epoch ms. */
function selectionOf({ subjectId, from, to }: GetExportBundleRequest): ExportSelection {
  if (subjectId !== undefined) return { kind: 'subject', subjectId: subjectId.toLowerCase() };
  return {
    kind: 'recorded-between',
    ...(from !== undefined ? { from: parseRfc3339(from)! } : {}),
    ...(to !== undefined ? { to: parseRfc3339(to)! } : {}),
  };
}
