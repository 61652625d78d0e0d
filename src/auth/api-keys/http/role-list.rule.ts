import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn } from 'class-validator';
import { ROLES } from '../../role';

const ROLES_MESSAGE = `roles must be a non-empty list of: ${ROLES.join(', ')}`;

/** A key's roles in a request body: a non-empty list of known roles. */
export const IsRoleList = (): PropertyDecorator =>
  applyDecorators(
    ApiProperty({ enum: ROLES, isArray: true }),
    IsArray({ message: ROLES_MESSAGE }),
    ArrayMinSize(1, { message: ROLES_MESSAGE }),
    ArrayMaxSize(ROLES.length, { message: ROLES_MESSAGE }),
    IsIn(ROLES, { each: true, message: ROLES_MESSAGE }),
  );
