import type { CombinationWindows, Flow, FlowWindow } from '../api-types';

/** What the auditor clicked: a window of a lane, or a recorded or refused flow. */
export type Selection =
  | {
      readonly kind: 'window';
      readonly combination: CombinationWindows;
      readonly window: FlowWindow;
    }
  | { readonly kind: 'flow'; readonly flow: Flow };

export function selectionKey(selection: Selection | undefined): string | undefined {
  if (!selection) return undefined;
  return selection.kind === 'flow'
    ? `flow:${selection.flow.eventId}`
    : `window:${selection.combination.category}|${selection.combination.recipient}|${selection.combination.purpose}|${selection.window.start}`;
}
