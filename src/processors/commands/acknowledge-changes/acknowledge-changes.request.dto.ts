import { ApiProperty } from '@nestjs/swagger';
import { ValidateBy } from 'class-validator';

/** A feed position in a body: a JSON number that is a whole number a double holds exactly. */
const IsFeedPosition = (): PropertyDecorator =>
  ValidateBy({
    name: 'isFeedPosition',
    validator: {
      validate: (value: unknown) => Number.isSafeInteger(value) && (value as number) >= 0,
      defaultMessage: () => `position must be a whole number from 0 to ${Number.MAX_SAFE_INTEGER}`,
    },
  });

export class AcknowledgeChangesRequest {
  @ApiProperty({
    example: 1042,
    minimum: 0,
    maximum: Number.MAX_SAFE_INTEGER,
    type: 'integer',
    description:
      "A position of the tenant's permission-change feed: every change for this recipient up to it was applied.",
  })
  @IsFeedPosition()
  position!: number;
}
