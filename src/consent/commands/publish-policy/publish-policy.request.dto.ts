import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsObject,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  CATEGORY_DEFAULTS,
  PRECISIONS,
  type CategoryDefault,
  type Precision,
} from '../../domain/policy/policy-document';
import { POLICY_KEY } from '../../http/permission-fields.dto';
import { MayBeOmitted } from '../../../http';

const KEY_MESSAGE = 'must be lower-case letters, digits and "-" (at most 63)';

class PurposeDto {
  @ApiProperty({ example: 'map-display' })
  @Matches(POLICY_KEY, { message: `purposes[].key ${KEY_MESSAGE}` })
  key!: string;
  @ApiProperty({ example: 'Show the subject on a map' })
  @IsString({ message: 'purposes[].description must be a string' })
  @MaxLength(500, { message: 'purposes[].description must be at most 500 characters' })
  description!: string;
}

class RecipientDto {
  @ApiProperty({ example: 'map-provider-row' })
  @Matches(POLICY_KEY, { message: `recipients[].key ${KEY_MESSAGE}` })
  key!: string;
  @ApiProperty({ example: 'Map provider' })
  @IsString({ message: 'recipients[].name must be a string' })
  @MaxLength(200, { message: 'recipients[].name must be at most 200 characters' })
  name!: string;
  @ApiProperty({ enum: ['first-party', 'processor', 'third-party'] })
  @IsIn(['first-party', 'processor', 'third-party'], {
    message: 'recipients[].kind must be one of: first-party, processor, third-party',
  })
  kind!: 'first-party' | 'processor' | 'third-party';
  @ApiProperty({ example: 'row' })
  @Matches(POLICY_KEY, { message: `recipients[].region ${KEY_MESSAGE}` })
  region!: string;
}

class CategoryDto {
  @ApiProperty({ example: 'approximate-location' })
  @Matches(POLICY_KEY, { message: `categories[].key ${KEY_MESSAGE}` })
  key!: string;
  @ApiProperty({ example: 'Where the subject is, to about a kilometre' })
  @IsString({ message: 'categories[].description must be a string' })
  @MaxLength(500, { message: 'categories[].description must be at most 500 characters' })
  description!: string;
  @ApiProperty({ enum: CATEGORY_DEFAULTS })
  @IsIn(CATEGORY_DEFAULTS, {
    message: `categories[].default must be one of: ${CATEGORY_DEFAULTS.join(', ')}`,
  })
  default!: CategoryDefault;
  @ApiProperty({ enum: PRECISIONS, isArray: true })
  @IsArray({ message: 'categories[].precisions must be an array' })
  @ArrayMaxSize(PRECISIONS.length, { message: 'categories[].precisions has too many entries' })
  @IsIn(PRECISIONS, {
    each: true,
    message: `categories[].precisions entries must be one of: ${PRECISIONS.join(', ')}`,
  })
  precisions!: Precision[];
  @ApiProperty({ type: [String], example: ['map-provider-row'] })
  @IsArray({ message: 'categories[].recipients must be an array' })
  @ArrayMaxSize(100, { message: 'categories[].recipients may hold at most 100 keys' })
  @Matches(POLICY_KEY, { each: true, message: `categories[].recipients entries ${KEY_MESSAGE}` })
  recipients!: string[];
  @ApiProperty({ type: [String], example: ['map-display'] })
  @IsArray({ message: 'categories[].purposes must be an array' })
  @ArrayMaxSize(100, { message: 'categories[].purposes may hold at most 100 keys' })
  @Matches(POLICY_KEY, { each: true, message: `categories[].purposes entries ${KEY_MESSAGE}` })
  purposes!: string[];
}

/**
 * A new version of the tenant's policy; its meaning is checked by the policy rules. Every
 * list of objects says `@IsObject({ each: true })`: nested validation alone lets an entry
 * that is an array through without errors.
 */
export class PublishPolicyRequest {
  @ApiProperty({ minimum: 1, description: 'Must be the current version + 1.', example: 2 })
  @IsInt({ message: 'version must be an integer' })
  @Min(1, { message: 'version must be at least 1' })
  @Max(1_000_000, { message: 'version must be at most 1000000' })
  version!: number;

  @ApiProperty({ type: [String], example: ['cn', 'row'] })
  @IsArray({ message: 'regions must be an array' })
  @ArrayMinSize(1, { message: 'regions must name at least one region' })
  @ArrayMaxSize(50, { message: 'regions may name at most 50 regions' })
  @Matches(POLICY_KEY, { each: true, message: `regions entries ${KEY_MESSAGE}` })
  regions!: string[];

  @ApiProperty({ type: [CategoryDto] })
  @IsArray({ message: 'categories must be an array' })
  @ArrayMinSize(1, { message: 'categories must hold at least one category' })
  @ArrayMaxSize(200, { message: 'categories may hold at most 200 categories' })
  @IsObject({ each: true, message: 'each categories entry must be a category object' })
  @ValidateNested({ each: true })
  @Type(() => CategoryDto)
  categories!: CategoryDto[];

  @ApiProperty({ type: [PurposeDto] })
  @IsArray({ message: 'purposes must be an array' })
  @ArrayMinSize(1, { message: 'purposes must hold at least one purpose' })
  @ArrayMaxSize(200, { message: 'purposes may hold at most 200 purposes' })
  @IsObject({ each: true, message: 'each purposes entry must be a purpose object' })
  @ValidateNested({ each: true })
  @Type(() => PurposeDto)
  purposes!: PurposeDto[];

  @ApiProperty({ type: [RecipientDto] })
  @IsArray({ message: 'recipients must be an array' })
  @ArrayMinSize(1, { message: 'recipients must hold at least one recipient' })
  @ArrayMaxSize(200, { message: 'recipients may hold at most 200 recipients' })
  @IsObject({ each: true, message: 'each recipients entry must be a recipient object' })
  @ValidateNested({ each: true })
  @Type(() => RecipientDto)
  recipients!: RecipientDto[];

  @ApiPropertyOptional({
    type: [String],
    description: 'Categories whose grants lapse with this version.',
  })
  @MayBeOmitted()
  @IsArray({ message: 'reconsentRequired must be an array' })
  @ArrayMaxSize(200, { message: 'reconsentRequired may name at most 200 categories' })
  @Matches(POLICY_KEY, { each: true, message: `reconsentRequired entries ${KEY_MESSAGE}` })
  reconsentRequired?: string[];

  @ApiPropertyOptional({ description: 'When the version takes effect; default now.' })
  @MayBeOmitted()
  @IsISO8601({ strict: true }, { message: 'effectiveFrom must be an ISO-8601 date-time' })
  effectiveFrom?: string;
}
