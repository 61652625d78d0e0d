import { fold } from '../../shared/domain/decider';
import type { IsoInstant } from '../../shared/time/instant';
import { AcknowledgementRefusal } from './acknowledgement-refusal';
import { type AcknowledgeChanges, acknowledgementsDecider } from './acknowledgements.decider';
import type { ProcessorAcknowledged } from './processor-acknowledgement.events';

const NOW = '2026-12-07T10:00:00.000Z' as IsoInstant;

function acknowledged(position: number): ProcessorAcknowledged {
  return {
    type: 'processor-acknowledged',
    schemaVersion: 1,
    tenantId: 'acme',
    recipient: 'map-provider-row',
    position,
    acknowledgedAt: '2026-12-06T10:00:00.000Z',
    actor: 'key:00000000000000b2',
  };
}

function acknowledge(position: number, headPosition = 100): AcknowledgeChanges {
  return {
    tenantId: 'acme',
    recipient: 'map-provider-row',
    position,
    headPosition,
    now: NOW,
    actor: 'key:00000000000000c3',
  };
}

function decide(given: ProcessorAcknowledged[], command: AcknowledgeChanges) {
  return acknowledgementsDecider.decide(command, fold(acknowledgementsDecider, given));
}

function refusal(given: ProcessorAcknowledged[], command: AcknowledgeChanges) {
  try {
    decide(given, command);
  } catch (error) {
    if (error instanceof AcknowledgementRefusal) return { code: error.code, ...error.details };
    throw error;
  }
  throw new Error('the acknowledgement was accepted');
}

describe('a recipient’s acknowledgements', () => {
  it('records the first acknowledgement up to the head', () => {
    expect(decide([], acknowledge(100))).toEqual([
      { ...acknowledged(100), acknowledgedAt: NOW, actor: 'key:00000000000000c3' },
    ]);
  });

  it('records a later position', () => {
    expect(decide([acknowledged(10)], acknowledge(42))).toEqual([
      expect.objectContaining({ position: 42 }),
    ]);
  });

  it('records nothing for the position already acknowledged, even if the head now lies below it', () => {
    expect(decide([acknowledged(10), acknowledged(42)], acknowledge(42))).toEqual([]);
    expect(decide([acknowledged(42)], acknowledge(42, 5))).toEqual([]);
  });

  it('refuses a position below the last one, with the current values', () => {
    expect(refusal([acknowledged(42)], acknowledge(41))).toEqual({
      code: 'acknowledgement-behind',
      lastAcknowledgedPosition: 42,
      headPosition: 100,
    });
  });

  it('refuses a position beyond the head, with the current values', () => {
    expect(refusal([], acknowledge(101))).toEqual({
      code: 'acknowledgement-beyond-head',
      lastAcknowledgedPosition: null,
      headPosition: 100,
    });
    expect(refusal([acknowledged(7)], acknowledge(101))).toEqual({
      code: 'acknowledgement-beyond-head',
      lastAcknowledgedPosition: 7,
      headPosition: 100,
    });
  });
});
