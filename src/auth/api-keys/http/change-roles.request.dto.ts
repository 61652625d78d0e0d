import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn } from 'class-validator';
import { ROLES, type Role } from '../../role';

const ROLES_MESSAGE = `roles must be a non-empty list of: ${ROLES.join(', ')}`;

export class ChangeRolesRequest {
  @ApiProperty({ enum: ROLES, isArray: true })
  @IsArray({ message: ROLES_MESSAGE })
  @ArrayMinSize(1, { message: ROLES_MESSAGE })
  @ArrayMaxSize(ROLES.length, { message: ROLES_MESSAGE })
  @IsIn(ROLES, { each: true, message: ROLES_MESSAGE })
  roles!: Role[];
}
