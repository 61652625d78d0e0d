import { ApiProperty } from '@nestjs/swagger';

/** Where the recipient's acknowledgements stand after the request. */
export class AcknowledgementReceipt {
  @ApiProperty({ example: 'map-provider-row' }) recipient!: string;
  @ApiProperty({ example: 1042, description: 'The last acknowledged feed position.' })
  position!: number;
  @ApiProperty({
    example: '2026-12-07T10:00:00.000Z',
    description: 'When the ledger received the acknowledgement of that position.',
  })
  acknowledgedAt!: string;
  @ApiProperty({
    description:
      'False when the position had been acknowledged before: nothing new was recorded, and the answer shows the acknowledgement that stands.',
  })
  recorded!: boolean;
  @ApiProperty({ nullable: true, type: String, example: '2077' }) consistencyToken!: string | null;
  @ApiProperty() replayed!: boolean;
}
