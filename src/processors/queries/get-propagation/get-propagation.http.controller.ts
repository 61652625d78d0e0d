import { Controller, Get, Headers, Param, Query, UseInterceptors } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../../auth';
import { CurrentCaller } from '../../../http';
import { consistencyTokenOf } from '../../../projections';
import type { Caller } from '../../../shared/tenancy/caller';
import { parseRfc3339 } from '../../../shared/time/rfc3339';
import { AcknowledgementProblemsInterceptor } from '../../http/acknowledgement-problems';
import { GetPropagationQuery } from './get-propagation.query';
import { GetPropagationRequest } from './get-propagation.request.dto';
import { PropagationView } from './propagation.view';

@ApiTags('processors')
@Controller('v1/processors/:recipient/propagation')
@UseInterceptors(AcknowledgementProblemsInterceptor)
@Roles('tenant-admin', 'auditor', 'privacy-officer', 'processor')
export class GetPropagationController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @ApiOperation({
    summary: 'How far the recipient’s processor has applied the changes that closed its windows',
    description:
      'The propagation ledger (ADR 0044): the closing changes (permitted → not permitted) for the recipient after its last acknowledgement, and the lag (acknowledgedAt − closedAt) over acknowledged closing changes closed in [from, to), by default the last 30 days. A processor key sees its own recipient; another recipient answers 404 as an unknown one does.',
  })
  @ApiHeader({ name: 'X-Consistency-Token', required: false })
  @ApiOkResponse({ type: PropagationView })
  propagation(
    @CurrentCaller() caller: Caller,
    @Param('recipient') recipient: string,
    @Query() request: GetPropagationRequest,
    @Headers('x-consistency-token') tokenHeader: string | undefined,
  ): Promise<PropagationView> {
    return this.queries.execute(
      new GetPropagationQuery(
        caller,
        recipient,
        instantOf(request.from),
        instantOf(request.to),
        consistencyTokenOf(request.consistencyToken, tokenHeader),
      ),
    );
  }
}

/** A validated RFC 3339 parameter as epoch ms. */
function instantOf(text: string | undefined): number | undefined {
  return text === undefined ? undefined : parseRfc3339(text);
}
