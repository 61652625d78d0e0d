import type {
  CombinationFlowWindows,
  StandingBasis,
  WindowCause,
  Precision,
  Permission,
  SubjectEventType,
} from '../../consent/domain';
import { toIso, type IsoInstant } from '../../shared/time/instant';

/**
 * Flow windows as the read side stores and serves them: instants as ISO-8601 text, and
 * every event a cause or flow rests on named by its id as well as its stream revision, so
 * an auditor can find it in an export. Keys are built in a fixed order, so the same windows
 * always serialise to the same bytes.
 */
export type CauseRecord =
  | {
      readonly kind: 'event';
      readonly revision: number;
      readonly eventId: string;
      readonly type: SubjectEventType;
    }
  | { readonly kind: 'policy-version'; readonly version: number }
  | { readonly kind: 'expiry'; readonly revision: number; readonly eventId: string }
  | {
      readonly kind: 'lapse';
      readonly revision: number;
      readonly eventId: string;
      readonly version: number;
    };

export interface FlowWindowRecord {
  readonly start: IsoInstant;
  readonly end?: IsoInstant;
  readonly openedBy: CauseRecord;
  readonly closedBy?: CauseRecord;
  readonly bases: readonly { readonly from: IsoInstant; readonly basis: StandingBasis }[];
  /**
   * When the recipient's processor acknowledged the feed change that closed the window (ADR
   * 0044). Added by the flow-windows query, never stored: the projection knows no processors.
   */
  readonly acknowledgedAt?: IsoInstant;
}

export interface OneOffFlowRecord {
  readonly at: IsoInstant;
  readonly revision: number;
  readonly eventId: string;
  readonly syncId: string;
  readonly precision: Precision;
}

export interface CombinationRecord extends Permission {
  readonly windows: FlowWindowRecord[];
  readonly oneOffFlows: OneOffFlowRecord[];
}

/** `eventIds[revision]` is the id of the subject event at that revision. */
export function combinationRecordOf(
  computed: CombinationFlowWindows,
  eventIds: readonly string[],
): CombinationRecord {
  const idOf = (revision: number) => eventIds[revision] ?? '';
  return {
    category: computed.category,
    recipient: computed.recipient,
    purpose: computed.purpose,
    windows: computed.windows.map((window) => ({
      start: toIso(window.start),
      ...(window.end !== undefined ? { end: toIso(window.end) } : {}),
      openedBy: causeRecordOf(window.openedBy, idOf),
      ...(window.closedBy ? { closedBy: causeRecordOf(window.closedBy, idOf) } : {}),
      bases: window.bases.map(({ from, basis }) => ({ from: toIso(from), basis })),
    })),
    oneOffFlows: computed.oneOffFlows.map((flow) => ({
      at: toIso(flow.at),
      revision: flow.revision,
      eventId: idOf(flow.revision),
      syncId: flow.syncId,
      precision: flow.precision,
    })),
  };
}

function causeRecordOf(cause: WindowCause, idOf: (revision: number) => string): CauseRecord {
  switch (cause.kind) {
    case 'event':
      return {
        kind: cause.kind,
        revision: cause.revision,
        eventId: idOf(cause.revision),
        type: cause.type,
      };
    case 'policy-version':
      return { kind: cause.kind, version: cause.version };
    case 'expiry':
      return { kind: cause.kind, revision: cause.revision, eventId: idOf(cause.revision) };
    case 'lapse':
      return {
        kind: cause.kind,
        revision: cause.revision,
        eventId: idOf(cause.revision),
        version: cause.version,
      };
  }
}
