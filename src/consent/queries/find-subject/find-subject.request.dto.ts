import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength, NotContains } from 'class-validator';

/** In a body, not the URL: the app's id is personal data and URLs end up in logs. */
export class FindSubjectRequest {
  @ApiProperty({ example: 'user-8f14e45f' })
  @IsString({ message: 'appSubjectId must be a string' })
  @MinLength(1, { message: 'appSubjectId must not be empty' })
  @MaxLength(200, { message: 'appSubjectId must be at most 200 characters' })
  // Unpaired surrogates are refused for every body (src/http/json-value-rules.ts).
  @NotContains('\u0000', { message: 'appSubjectId must not contain NUL characters' })
  appSubjectId!: string;
}
