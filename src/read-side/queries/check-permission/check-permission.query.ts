import { Query } from '@nestjs/cqrs';
import type { GlobalPosition } from '../../../event-store/event-store.port';
import type { CheckView } from './check-answer.view';
import type { CheckQuestion } from './permission-checker';

/** A question as asked: `at` defaults to the moment the query is answered. */
export type AskedQuestion = Omit<CheckQuestion, 'at'> & { readonly at?: number };

export class CheckPermissionQuery extends Query<CheckView> {
  constructor(
    readonly tenantId: string,
    readonly question: AskedQuestion,
    readonly consistencyToken?: GlobalPosition,
  ) {
    super();
  }
}
