import { Controller, Get, Header, Inject, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { ReadStore } from '../../read-store/read-store.port';
import { READ_STORE } from '../../read-store/read-store.token';
import type { Caller } from '../../shared/tenancy/caller';
import { CurrentCaller } from '../../http/current-caller.decorator';
import { checkpointAt, latestCheckpoint } from '../checkpoints/checkpoint-store';
import { requiredCount } from './audit-parameters';
import { checkpointNotFound } from './audit-problems';
import { Roles } from '../../auth/roles.decorator';

const NOTE_CONTENT_TYPE = 'text/plain; charset=utf-8';
const NOTE_RESPONSE = {
  description: 'A C2SP tlog-checkpoint signed as a C2SP signed note (Ed25519)',
  schema: { type: 'string' },
};

@ApiTags('audit')
@Controller('v1/audit')
@Roles('auditor')
export class CheckpointsController {
  constructor(@Inject(READ_STORE) private readonly readStore: ReadStore) {}

  @Get('checkpoint')
  @Header('content-type', NOTE_CONTENT_TYPE)
  @ApiOperation({ summary: "The latest signed checkpoint of the caller's tenant log" })
  @ApiProduces('text/plain')
  @ApiOkResponse(NOTE_RESPONSE)
  async latest(@CurrentCaller() caller: Caller): Promise<string> {
    const checkpoint = await latestCheckpoint(this.readStore, caller.tenantId);
    if (!checkpoint) throw checkpointNotFound('The tenant log has no signed checkpoint yet.');
    return checkpoint.note;
  }

  @Get('checkpoints/:size')
  @Header('content-type', NOTE_CONTENT_TYPE)
  @ApiOperation({ summary: 'The signed checkpoint of one tree size, if one was signed' })
  @ApiProduces('text/plain')
  @ApiOkResponse(NOTE_RESPONSE)
  async atSize(@CurrentCaller() caller: Caller, @Param('size') sizeText: string): Promise<string> {
    const size = requiredCount('size', sizeText, 1);
    const checkpoint = await checkpointAt(this.readStore, caller.tenantId, size);
    if (!checkpoint) {
      throw checkpointNotFound(
        `No checkpoint of tree size ${size} was signed; GET /v1/audit/checkpoint gives the latest.`,
      );
    }
    return checkpoint.note;
  }
}
