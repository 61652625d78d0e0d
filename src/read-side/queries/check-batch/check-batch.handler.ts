import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { CLOCK, type Clock } from '../../../shared/time/clock';
import { ReadYourWrites } from '../../../projections';
import { CONSENT_STATE } from '../../projections/consent-state.projection';
import { checkAnswerView } from '../check-permission/check-answer.view';
import { PermissionChecker } from '../check-permission/permission-checker';
import { CheckBatchQuery } from './check-batch.query';
import { UNKNOWN_SUBJECT_PROBLEM, type CheckBatchView } from './check-batch.view';

/**
 * Many checks in one request, answered in order from one read of each subject. Checks
 * without an `at` are all asked at the same instant. An unknown subject fails its own entry
 * with a 404 problem, not the whole batch.
 */
@QueryHandler(CheckBatchQuery)
export class CheckBatchHandler implements IQueryHandler<CheckBatchQuery> {
  constructor(
    private readonly checker: PermissionChecker,
    private readonly consistency: ReadYourWrites,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({
    tenantId,
    questions,
    consistencyToken,
  }: CheckBatchQuery): Promise<CheckBatchView> {
    await this.consistency.reach(consistencyToken, [CONSENT_STATE]);
    const position = this.consistency.positionOf(CONSENT_STATE);
    const now = this.clock.now();
    const asked = questions.map((question) => ({ ...question, at: question.at ?? now }));
    const outcomes = await this.checker.check(tenantId, asked, position);
    return {
      answeredAtPosition: position.toString(),
      results: outcomes.map((outcome, i) => {
        const question = asked[i]!;
        if (outcome.known) return checkAnswerView(question, outcome.answer);
        return {
          subjectId: question.subjectId,
          category: question.category,
          recipient: question.recipient,
          purpose: question.purpose,
          problem: UNKNOWN_SUBJECT_PROBLEM,
        };
      }),
    };
  }
}
