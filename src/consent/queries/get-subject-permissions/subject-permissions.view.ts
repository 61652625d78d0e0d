import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { Basis, RefusalReason } from '../../domain/subject/subject.events';

export class PermissionStateView {
  @ApiProperty() category!: string;
  @ApiProperty() recipient!: string;
  @ApiProperty() purpose!: string;
  @ApiProperty({ enum: ['opt-in', 'opt-out', 'mandatory', 'per-transfer'] }) default!: string;
  @ApiProperty() permitted!: boolean;
  @ApiPropertyOptional({ enum: ['grant', 'opt-out-default', 'mandatory', 'one-off-sync'] })
  basis?: Basis;
  @ApiProperty({ type: [String] }) reasons!: readonly RefusalReason[];
}

export class SubjectPermissionsView {
  @ApiProperty({ format: 'uuid' }) subjectId!: string;
  @ApiProperty({ description: 'The instant the answers are for.' }) at!: string;
  @ApiProperty() policyVersion!: number;
  @ApiProperty() localDataMode!: boolean;
  @ApiProperty({ description: 'Subject revision the answers rest on (its ETag).' })
  revision!: number;
  @ApiProperty({ type: [PermissionStateView] }) permissions!: PermissionStateView[];
}
