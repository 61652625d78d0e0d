import { html, type TemplateResult } from 'lit';
import type { ApiClient } from '../api-client';
import type { CombinationWindows, FlowWindows } from '../api-types';
import { fieldText, instantText } from '../format';
import { compareKnownAt, type KnownAtComparison } from '../timeline/known-at';
import { LatestLoad } from './latest-load';
import { problemTemplate } from './problem-template';

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

export interface KnownAtView {
  readonly combinations: CombinationWindows[];
  readonly comparison: KnownAtComparison;
}

/**
 * "As known at" (issue #16, item 4): the subject's flow windows as the ledger knew them at
 * an earlier transaction time (`GET /v1/subjects/{id}/flow-windows?knownAt=`), set against
 * today's answer so that what was recorded later shows at a glance.
 */
export class KnownAtForm {
  private readonly load: LatestLoad<KnownAtView>;
  private problem: string | undefined;

  constructor(
    private readonly api: ApiClient,
    private readonly changed: () => void,
  ) {
    this.load = new LatestLoad(changed);
  }

  clear(): void {
    this.load.clear();
    this.problem = undefined;
  }

  /** What to draw instead of today's windows, once loaded. */
  get view(): KnownAtView | undefined {
    const state = this.load.state;
    return state?.state === 'loaded' ? state.value : undefined;
  }

  template(subjectId: string, now: readonly CombinationWindows[]): TemplateResult {
    const submit = (event: SubmitEvent): void => {
      event.preventDefault();
      const knownAt = fieldText(new FormData(event.currentTarget as HTMLFormElement), 'known-at');
      this.clear();
      if (!INSTANT.test(knownAt) || Number.isNaN(Date.parse(knownAt))) {
        this.problem = 'Give an instant in ISO 8601 with a time zone, e.g. 2026-01-31T12:00:00Z.';
        this.changed();
        return;
      }
      const path = `/v1/subjects/${encodeURIComponent(subjectId)}/flow-windows?knownAt=${encodeURIComponent(knownAt)}`;
      this.load.start(async () => {
        const then = await this.api.json<FlowWindows>(path, ['auditor']);
        return compareKnownAt(now, then.combinations, knownAt);
      });
    };
    const backToNow = (): void => {
      this.clear();
      this.changed();
    };
    return html`<form class="known-at" @submit=${submit} aria-describedby="known-at-status">
      <label for="known-at">As known at (ISO 8601, UTC)</label>
      <input id="known-at" name="known-at" type="text" spellcheck="false" />
      <button type="submit">Show as known then</button>
      <button type="button" @click=${backToNow} ?disabled=${this.load.state === undefined}>
        Back to now
      </button>
      <p id="known-at-status" class="known-at-status" aria-live="polite">
        ${this.statusTemplate()}
      </p>
    </form>`;
  }

  private statusTemplate(): TemplateResult | string {
    if (this.problem) return html`<span class="problem" role="alert">${this.problem}</span>`;
    const state = this.load.state;
    if (state === undefined) return '';
    if (state.state === 'loading') return 'Loading…';
    if (state.state === 'failed') return problemTemplate(state.error);
    const { comparison } = state.value;
    const added = [...comparison.addedLater.values()].reduce((n, ws) => n + ws.length, 0);
    return html`<span data-known-at=${comparison.knownAt}
      >Drawn as the ledger knew it at ${instantText(comparison.knownAt)}:
      <strong data-count="added-later">${added}</strong> window(s) recorded later (outlined),
      <strong data-count="changed-later">${comparison.changedLater.size}</strong> known then that no
      longer stand as they were (dashed red edge).</span
    >`;
  }
}
