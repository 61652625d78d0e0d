import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PRECISIONS, type Precision } from '../../../consent/domain';
import type { Basis, RefusalReason } from '../../../consent/domain';
import type { CheckAnswer, CheckQuestion } from './permission-checker';

class EvidenceView {
  @ApiProperty({ format: 'uuid' }) eventId!: string;
  @ApiProperty({ description: "Revision in the subject's stream." }) revision!: number;
  @ApiProperty() type!: string;
}

/** One answer, with the question it answers. */
export class CheckAnswerView {
  @ApiProperty({ format: 'uuid' }) subjectId!: string;
  @ApiProperty() category!: string;
  @ApiProperty() recipient!: string;
  @ApiProperty() purpose!: string;
  @ApiPropertyOptional({ enum: PRECISIONS }) precision?: Precision;
  @ApiProperty({ description: 'The instant the answer is for (valid time).' }) at!: string;
  @ApiProperty() permitted!: boolean;
  @ApiPropertyOptional({ enum: ['grant', 'opt-out-default', 'mandatory'] }) basis?: Basis;
  @ApiPropertyOptional({ description: 'Start of the flow window holding `at`.' }) since?: string;
  @ApiPropertyOptional({
    description: 'End of that window when already known: a revoke, expiry, lapse, … on record.',
  })
  until?: string;
  @ApiProperty({ type: [String] }) reasons!: readonly RefusalReason[];
  @ApiProperty({ nullable: true, type: Number, description: 'Policy version in force at `at`.' })
  policyVersion!: number | null;
  @ApiProperty({ type: [EvidenceView], description: 'The events the answer rests on.' })
  evidence!: EvidenceView[];
}

export class CheckView extends CheckAnswerView {
  @ApiProperty({
    description:
      'Global position the read model had reached (at least) when it answered; compare it with a consistencyToken.',
  })
  answeredAtPosition!: string;
}

export function checkAnswerView(question: CheckQuestion, answer: CheckAnswer): CheckAnswerView {
  return {
    subjectId: question.subjectId,
    category: question.category,
    recipient: question.recipient,
    purpose: question.purpose,
    ...(question.precision ? { precision: question.precision } : {}),
    at: iso(question.at),
    permitted: answer.permitted,
    ...(answer.basis ? { basis: answer.basis } : {}),
    ...(answer.since !== undefined ? { since: iso(answer.since) } : {}),
    ...(answer.until !== undefined ? { until: iso(answer.until) } : {}),
    reasons: answer.reasons,
    policyVersion: answer.policyVersion ?? null,
    evidence: answer.evidence.map((e) => ({
      eventId: e.eventId,
      revision: e.revision,
      type: e.type,
    })),
  };
}

function iso(millis: number): string {
  return new Date(millis).toISOString();
}
