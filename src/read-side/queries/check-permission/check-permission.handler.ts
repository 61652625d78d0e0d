import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { CLOCK, type Clock } from '../../../shared/time/clock';
import { DomainError } from '../../../shared/domain/domain-error';
import { ReadYourWrites } from '../../../projections';
import { CONSENT_STATE } from '../../projections/consent-state.projection';
import { checkAnswerView, type CheckView } from './check-answer.view';
import { CheckPermissionQuery } from './check-permission.query';
import { PermissionChecker } from './permission-checker';

@QueryHandler(CheckPermissionQuery)
export class CheckPermissionHandler implements IQueryHandler<CheckPermissionQuery> {
  constructor(
    private readonly checker: PermissionChecker,
    private readonly consistency: ReadYourWrites,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({
    tenantId,
    question,
    consistencyToken,
  }: CheckPermissionQuery): Promise<CheckView> {
    if (consistencyToken !== undefined) {
      await this.consistency.reach(consistencyToken, [CONSENT_STATE]);
    }
    const position = this.consistency.positionOf(CONSENT_STATE);
    const asked = { ...question, at: question.at ?? this.clock.now() };
    const [outcome] = await this.checker.check(tenantId, [asked], position);
    if (!outcome?.known) {
      throw new DomainError('subject-not-registered', 'no subject with this id exists');
    }
    return { ...checkAnswerView(asked, outcome.answer), answeredAtPosition: position.toString() };
  }
}
