import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsISO8601,
  Matches,
  ValidateIf,
} from 'class-validator';
import { POLICY_KEY } from '../../http/permission-fields.dto';
import { MayBeOmitted } from '../../../http';

export class RequestErasureRequest {
  @ApiProperty({ enum: ['account', 'categories'] })
  @IsIn(['account', 'categories'], { message: 'scope must be one of: account, categories' })
  scope!: 'account' | 'categories';

  @ApiPropertyOptional({ type: [String], description: 'Required when scope is categories.' })
  @ValidateIf((request: RequestErasureRequest) => request.scope === 'categories')
  @IsArray({ message: 'categories must be an array of category keys when scope is categories' })
  @ArrayMinSize(1, { message: 'categories must name at least one category' })
  @ArrayMaxSize(100, { message: 'categories may name at most 100 categories' })
  @Matches(POLICY_KEY, { each: true, message: 'each category must be a policy key' })
  categories?: string[];

  @ApiPropertyOptional({ enum: ['subject', 'privacy-officer'], default: 'subject' })
  @MayBeOmitted()
  @IsIn(['subject', 'privacy-officer'], {
    message: 'requestedBy must be one of: subject, privacy-officer',
  })
  requestedBy?: 'subject' | 'privacy-officer';

  @ApiPropertyOptional({ description: 'When the subject asked; default now.' })
  @MayBeOmitted()
  @IsISO8601({ strict: true }, { message: 'occurredAt must be an ISO-8601 date-time' })
  occurredAt?: string;
}
