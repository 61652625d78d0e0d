import { ApiProperty } from '@nestjs/swagger';

class SubjectCountsView {
  @ApiProperty({ description: 'Subjects registered by `asOf` (valid time).' })
  registered!: number;

  @ApiProperty({ description: 'Registered, neither erased nor in Local Data Mode at `asOf`.' })
  active!: number;

  @ApiProperty({ description: 'Registered and in Local Data Mode at `asOf`.' })
  localDataMode!: number;

  @ApiProperty({ description: 'Registered and erased (account-wide request) by `asOf`.' })
  erased!: number;
}

class PermittedByBasisView {
  @ApiProperty() grant!: number;
  @ApiProperty() optOutDefault!: number;
  @ApiProperty() mandatory!: number;
}

class CombinationCountsView {
  @ApiProperty() category!: string;
  @ApiProperty() recipient!: string;
  @ApiProperty() purpose!: string;

  @ApiProperty({
    description:
      'Subjects for whom the flow is permitted at `asOf` on a standing basis (what a check without precision and without a user-initiated sync answers).',
  })
  permitted!: number;

  @ApiProperty({ description: 'Registered subjects for whom it is not: `registered − permitted`.' })
  notPermitted!: number;

  @ApiProperty({ type: PermittedByBasisView, description: '`permitted`, by its basis.' })
  permittedByBasis!: PermittedByBasisView;
}

export class ConsentSummaryView {
  @ApiProperty({
    description:
      'The instant (valid time) the counts are for: the later of the moment of the request and the newest transaction time of the tenant the read model has applied.',
  })
  asOf!: string;

  @ApiProperty({
    description: 'Global position the read model had reached (at least) when it answered.',
  })
  answeredAtPosition!: string;

  @ApiProperty({ type: SubjectCountsView })
  subjects!: SubjectCountsView;

  @ApiProperty({
    type: [CombinationCountsView],
    description: 'Every combination a version of the policy ever offered, in key order.',
  })
  combinations!: CombinationCountsView[];
}
