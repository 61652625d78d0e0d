import { randomUUID } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { SUBJECT_LOOKUP } from '../../../keys';
import type { SubjectLookup } from '../../../keys/subject-lookup/subject-lookup.port';
import { PersonalData } from '../../application/personal-data';
import {
  SubjectCommandService,
  type SubjectCommandResult,
} from '../../application/subject-command.service';
import { DomainError } from '../../../shared/domain/domain-error';
import { asSealed } from '../../../shared/domain/sealed-value';
import { subjectDecider } from '../../domain/subject/subject.decider';
import { initialSubjectState } from '../../domain/subject/subject.state';
import { RegisterSubjectCommand, type SubjectRegistration } from './register-subject.command';

/**
 * Registration gives the subject a random pseudonym, remembered under a keyed hash of the
 * app's id (outside the log), and a data key; the app's id, e-mail and phone enter the
 * event only sealed with that key. The lookup is written first: it is what makes two
 * concurrent registrations of one app id agree on one pseudonym.
 */
@CommandHandler(RegisterSubjectCommand)
export class RegisterSubjectHandler implements ICommandHandler<RegisterSubjectCommand> {
  constructor(
    private readonly subjects: SubjectCommandService,
    private readonly personal: PersonalData,
    @Inject(SUBJECT_LOOKUP) private readonly lookup: SubjectLookup,
  ) {}

  async execute({
    caller,
    idempotencyKey,
    registration,
  }: RegisterSubjectCommand): Promise<SubjectCommandResult> {
    const { tenantId } = caller;
    const occurredAt = this.subjects.occurredAt(registration.occurredAt);
    await this.checkRulesFirst(caller, registration, occurredAt);
    const subjectId = await this.pseudonymFor(tenantId, registration.appSubjectId);
    const key = await this.personal.keyFor(tenantId, subjectId);
    const seal = (field: 'appSubjectId' | 'email' | 'phone', value: string) =>
      this.personal.seal(key, tenantId, subjectId, field, value);
    try {
      return await this.subjects.execute({ caller, subjectId, idempotencyKey }, (context) => ({
        type: 'register-subject',
        context,
        subjectId,
        occurredAt,
        residency: registration.residency,
        appSubjectId: seal('appSubjectId', registration.appSubjectId),
        ...(registration.email ? { email: seal('email', registration.email) } : {}),
        ...(registration.phone ? { phone: seal('phone', registration.phone) } : {}),
      }));
    } catch (error) {
      if (error instanceof DomainError && error.code === 'subject-already-registered') {
        // The app may learn its own subject's pseudonym; that is what lookup is for.
        throw new DomainError(error.code, error.message, { subjectId });
      }
      throw error;
    }
  }

  /**
   * Runs the registration rules (residency, valid time, a policy in force) before anything
   * is written outside the log, so a refused registration leaves no lookup entry or key.
   */
  private async checkRulesFirst(
    caller: RegisterSubjectCommand['caller'],
    registration: SubjectRegistration,
    occurredAt: string,
  ): Promise<void> {
    subjectDecider.decide(
      {
        type: 'register-subject',
        context: await this.subjects.context(caller),
        subjectId: 'not-yet-assigned',
        occurredAt,
        residency: registration.residency,
        appSubjectId: asSealed('not-yet-sealed'),
      },
      initialSubjectState(),
    );
  }

  private async pseudonymFor(tenantId: string, appSubjectId: string): Promise<string> {
    const known = await this.lookup.find(tenantId, appSubjectId);
    if (known) return known;
    const fresh = randomUUID();
    try {
      await this.lookup.remember(tenantId, appSubjectId, fresh);
      return fresh;
    } catch (error) {
      // Another registration of the same app id won the race: use its pseudonym.
      const winner = await this.lookup.find(tenantId, appSubjectId);
      if (winner) return winner;
      throw error;
    }
  }
}
