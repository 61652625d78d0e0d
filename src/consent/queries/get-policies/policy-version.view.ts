import { ApiProperty } from '@nestjs/swagger';
import type { PolicyDocument } from '../../domain/policy/policy-document';

export class PolicyVersionView {
  @ApiProperty() version!: number;
  @ApiProperty() effectiveFrom!: string;
  @ApiProperty({ description: 'The policy document as published.' }) policy!: PolicyDocument;
}
