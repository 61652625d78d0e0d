import { Controller, Get, Param, ParseIntPipe } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ProblemException, PROBLEM_TYPES, CurrentCaller } from '../../../http';
import type { Caller } from '../../../shared/tenancy/caller';
import { GetPoliciesQuery } from './get-policies.query';
import { PolicyVersionView } from './policy-version.view';
import { Roles } from '../../../auth';

@ApiTags('policies')
@Controller('v1/policies')
@Roles('tenant-admin', 'app', 'auditor', 'privacy-officer')
export class GetPoliciesController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @ApiOperation({ summary: 'Every published version of the tenant policy' })
  @ApiOkResponse({ type: [PolicyVersionView] })
  list(@CurrentCaller() caller: Caller): Promise<PolicyVersionView[]> {
    return this.queries.execute(new GetPoliciesQuery(caller.tenantId));
  }

  @Get('current')
  @ApiOperation({ summary: 'The policy version in force now' })
  @ApiOkResponse({ type: PolicyVersionView })
  async current(@CurrentCaller() caller: Caller): Promise<PolicyVersionView> {
    return only(await this.queries.execute(new GetPoliciesQuery(caller.tenantId, 'current')));
  }

  @Get(':version')
  @ApiOperation({ summary: 'One version of the tenant policy' })
  @ApiOkResponse({ type: PolicyVersionView })
  async one(
    @CurrentCaller() caller: Caller,
    @Param('version', new ParseIntPipe()) version: number,
  ): Promise<PolicyVersionView> {
    return only(await this.queries.execute(new GetPoliciesQuery(caller.tenantId, version)));
  }
}

function only(views: PolicyVersionView[]): PolicyVersionView {
  const found = views[0];
  if (!found) {
    throw new ProblemException({
      type: PROBLEM_TYPES.notFound,
      title: 'Policy not found',
      status: 404,
      detail: 'No such policy version is published for this tenant.',
    });
  }
  return found;
}
