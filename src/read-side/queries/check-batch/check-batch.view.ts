import { ApiExtraModels, ApiProperty, getSchemaPath } from '@nestjs/swagger';
import { PROBLEM_TYPES } from '../../../http';
import { CheckAnswerView } from '../check-permission/check-answer.view';

class CheckProblemView {
  @ApiProperty() type!: string;
  @ApiProperty() title!: string;
  @ApiProperty() status!: number;
  @ApiProperty() detail!: string;
}

/** The entry of a check about an unknown subject: the 404 problem a single check answers. */
export const UNKNOWN_SUBJECT_PROBLEM: CheckProblemView = {
  type: PROBLEM_TYPES.subjectNotFound,
  title: 'Subject not found',
  status: 404,
  detail: 'no subject with this id exists',
};

/** A check of the batch that has no answer (an unknown subject): never a silent "denied". */
class CheckFailureView {
  @ApiProperty({ format: 'uuid' }) subjectId!: string;
  @ApiProperty() category!: string;
  @ApiProperty() recipient!: string;
  @ApiProperty() purpose!: string;
  @ApiProperty({ type: CheckProblemView }) problem!: CheckProblemView;
}

@ApiExtraModels(CheckAnswerView, CheckFailureView)
export class CheckBatchView {
  @ApiProperty({
    description: 'Global position the read model had reached (at least) when it answered.',
  })
  answeredAtPosition!: string;

  @ApiProperty({
    description: 'One entry per check, in the order asked: an answer, or a problem.',
    type: 'array',
    items: {
      oneOf: [{ $ref: getSchemaPath(CheckAnswerView) }, { $ref: getSchemaPath(CheckFailureView) }],
    },
  })
  results!: (CheckAnswerView | CheckFailureView)[];
}
