import { ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsISO8601,
  IsString,
  Matches,
  ValidateBy,
  type ValidationArguments,
} from 'class-validator';
import { POLICY_KEY } from '../../../consent';
import { MayBeOmitted } from '../../../http';

const KEY_MESSAGE = 'must be a policy key: lower-case letters, digits and "-"';
const INSTANT_MESSAGE = 'must be an ISO-8601 date-time';

/** The query of `GET /v1/subjects/{id}/flow-windows`; every part is optional. */
export class FlowWindowsRequest {
  @ApiPropertyOptional({ example: 'approximate-location' })
  @MayBeOmitted()
  @Matches(POLICY_KEY, { message: `category ${KEY_MESSAGE}` })
  category?: string;

  @ApiPropertyOptional({ example: 'map-provider-row' })
  @MayBeOmitted()
  @Matches(POLICY_KEY, { message: `recipient ${KEY_MESSAGE}` })
  recipient?: string;

  @ApiPropertyOptional({ example: 'map-display' })
  @MayBeOmitted()
  @Matches(POLICY_KEY, { message: `purpose ${KEY_MESSAGE}` })
  purpose?: string;

  @ApiPropertyOptional({ description: 'Only windows that end after this instant (valid time).' })
  @MayBeOmitted()
  @IsISO8601({ strict: true }, { message: `from ${INSTANT_MESSAGE}` })
  @LiesBeforeTo()
  from?: string;

  @ApiPropertyOptional({ description: 'Only windows that start before this instant (valid time).' })
  @MayBeOmitted()
  @IsISO8601({ strict: true }, { message: `to ${INSTANT_MESSAGE}` })
  to?: string;

  @ApiPropertyOptional({
    description:
      'A transaction time: the windows as the ledger knew them then (read from the log).',
  })
  @MayBeOmitted()
  @IsISO8601({ strict: true }, { message: `knownAt ${INSTANT_MESSAGE}` })
  knownAt?: string;

  @ApiPropertyOptional({ description: 'A consistencyToken a command returned.' })
  @MayBeOmitted()
  @IsString({ message: 'consistencyToken must be a decimal position' })
  consistencyToken?: string;
}

/**
 * `from` must lie before `to` when both are given; an instant that does not parse is left
 * to its own ISO-8601 rule, so it is not reported twice.
 */
function LiesBeforeTo(): PropertyDecorator {
  return ValidateBy(
    {
      name: 'liesBeforeTo',
      validator: {
        validate: (from: unknown, args?: ValidationArguments) => {
          const to = (args?.object as FlowWindowsRequest | undefined)?.to;
          if (typeof from !== 'string' || typeof to !== 'string') return true;
          const [start, end] = [Date.parse(from), Date.parse(to)];
          return Number.isNaN(start) || Number.isNaN(end) || start < end;
        },
      },
    },
    { message: 'must lie before to' },
  );
}
