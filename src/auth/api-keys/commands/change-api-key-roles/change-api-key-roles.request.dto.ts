import type { Role } from '../../../role';
import { IsRoleList } from '../../http/role-list.rule';

export class ChangeRolesRequest {
  @IsRoleList()
  roles!: Role[];
}
