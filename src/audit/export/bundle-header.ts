import type { CombinationRecord } from '../../read-side/replay';
import type { StoredCheckpoint } from '../checkpoints/checkpoint-store';
import {
  BUNDLE_FORMAT,
  BUNDLE_VERSION,
  type BundleHeader,
  type BundleSelection,
} from './export-bundle';
import type { ExportSelection } from './export-request';

export function bundleHeader(options: {
  readonly tenant: string;
  readonly origin: string;
  readonly exportedAt: Date;
  readonly selection: ExportSelection;
  readonly checkpoint: StoredCheckpoint;
  readonly flowWindows?: readonly CombinationRecord[];
}): BundleHeader {
  return {
    kind: 'header',
    format: BUNDLE_FORMAT,
    version: BUNDLE_VERSION,
    tenant: options.tenant,
    origin: options.origin,
    exportedAt: options.exportedAt.toISOString(),
    selection: bundleSelectionOf(options.selection),
    checkpoint: { note: options.checkpoint.note },
    ...(options.flowWindows ? { flowWindows: options.flowWindows } : {}),
  };
}

function bundleSelectionOf(selection: ExportSelection): BundleSelection {
  if (selection.kind === 'subject') return { kind: 'subject', subjectId: selection.subjectId };
  const iso = (ms: number | undefined) => (ms === undefined ? null : new Date(ms).toISOString());
  return { kind: 'recorded-between', from: iso(selection.from), to: iso(selection.to) };
}
