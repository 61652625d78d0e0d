import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn } from 'class-validator';
import { ROLES, type Role } from '../../../role';
import { ROLES_MESSAGE } from '../create-api-key/create-api-key.request.dto';

export class ChangeRolesRequest {
  @ApiProperty({ enum: ROLES, isArray: true })
  @IsArray({ message: ROLES_MESSAGE })
  @ArrayMinSize(1, { message: ROLES_MESSAGE })
  @ArrayMaxSize(ROLES.length, { message: ROLES_MESSAGE })
  @IsIn(ROLES, { each: true, message: ROLES_MESSAGE })
  roles!: Role[];
}
