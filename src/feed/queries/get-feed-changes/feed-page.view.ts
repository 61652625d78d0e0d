import { ApiProperty } from '@nestjs/swagger';
import { FeedChangeView } from '../feed-change.view';

export class FeedPageView {
  @ApiProperty({ type: [FeedChangeView], description: 'In position order.' })
  changes!: FeedChangeView[];
  @ApiProperty({ example: 42, description: 'Pass as `after` for the next page.' })
  next!: number;
  @ApiProperty({ example: 97, description: "The feed's head: the last position it holds." })
  head!: number;
}
