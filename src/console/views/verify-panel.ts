import { html, type TemplateResult } from 'lit';
import type { ApiClient } from '../api-client';
import { fieldText } from '../format';
import { verifyInBrowser, type BrowserVerdict } from '../verify/verify-in-browser';
import { LatestLoad } from './latest-load';
import { problemTemplate } from './problem-template';

/**
 * Verify in the browser (issue #16, item 6): downloads the subject's export bundle and
 * checks it against the verifier key the auditor pastes (the log's public key, obtained
 * out of band), by the same code as `consent-ledger verify`.
 */
export class VerifyPanel {
  private readonly load: LatestLoad<BrowserVerdict>;

  /** `changed` is told when the verdict changes (the page redraws). */
  constructor(
    private readonly api: ApiClient,
    changed: () => void,
  ) {
    this.load = new LatestLoad(changed);
  }

  clear(): void {
    this.load.clear();
  }

  template(subjectId: string): TemplateResult {
    const submit = (event: SubmitEvent): void => {
      event.preventDefault();
      const keyText = fieldText(
        new FormData(event.currentTarget as HTMLFormElement),
        'verifier-key',
      );
      this.load.start(async () => {
        const bundle = await this.api.text(
          `/v1/audit/exports?subjectId=${encodeURIComponent(subjectId)}`,
          ['auditor'],
          'application/x-ndjson',
        );
        return verifyInBrowser(bundle, keyText);
      });
    };
    return html`<section class="verify" aria-labelledby="verify-title">
      <h3 id="verify-title">Verify the evidence</h3>
      <form @submit=${submit}>
        <label for="verifier-key">Verifier key of the log (origin+key id+key)</label>
        <input
          id="verifier-key"
          name="verifier-key"
          type="text"
          spellcheck="false"
          autocomplete="off"
        />
        <button type="submit">Download and verify the bundle</button>
      </form>
      <div class="verify-result" aria-live="polite">${this.resultTemplate()}</div>
    </section>`;
  }

  private resultTemplate(): TemplateResult | string {
    const state = this.load.state;
    if (state === undefined) return '';
    if (state.state === 'loading') return html`<p class="loading">Verifying…</p>`;
    if (state.state === 'failed') return problemTemplate(state.error);
    const verdict = state.value;
    if (verdict.kind === 'unusable') {
      return html`<p class="problem verdict" role="alert" data-verdict="unusable">
        Cannot verify: ${verdict.message}
      </p>`;
    }
    const { summary } = verdict;
    const tree = summary.treeSize === undefined ? '' : ` at tree size ${summary.treeSize}`;
    return html`<p
        class=${`verdict ${verdict.kind}`}
        data-verdict=${verdict.kind}
        data-failures=${verdict.failures.length}
        data-events=${summary.events}
      >
        ${
          verdict.kind === 'verified'
            ? html`<strong>Verified</strong>: ${summary.events} events against
                ${summary.origin}${tree}: the checkpoint's signature, every leaf and inclusion
                proof, the stream
                chains${
                  summary.combinations === undefined
                    ? ''
                    : `, and the flow windows of ${summary.combinations} combinations replayed`
                }.`
            : html`<strong>Failed</strong>: ${verdict.failures.length} failures in ${summary.events}
                events against ${summary.origin}${tree}.`
        }
      </p>
      ${
        verdict.failures.length === 0
          ? ''
          : html`<ul class="failures">
              ${verdict.failures.map((line) => html`<li class="failure">${line}</li>`)}
            </ul>`
      }`;
  }
}
