import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class ErasureRequestView {
  @ApiProperty({ format: 'uuid' }) erasureId!: string;
  @ApiProperty({ enum: ['account', 'categories'] }) scope!: 'account' | 'categories';
  @ApiPropertyOptional({ type: [String] }) categories?: readonly string[];
  @ApiProperty() requestedAt!: string;
}

/** A subject's registration. Personal fields read `null` once the subject is erased. */
export class SubjectView {
  @ApiProperty({ format: 'uuid' }) subjectId!: string;
  @ApiProperty() residency!: string;
  @ApiProperty() registeredAt!: string;
  @ApiProperty({ nullable: true, type: String }) appSubjectId!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) email?: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) phone?: string | null;
  @ApiProperty({ description: 'False once the subject key is destroyed (erasure).' })
  personalDataAvailable!: boolean;
  @ApiProperty() localDataMode!: boolean;
  @ApiProperty({ type: [ErasureRequestView] }) erasureRequests!: ErasureRequestView[];
  @ApiProperty({ description: 'Stream revision; also the ETag.' }) revision!: number;
}
