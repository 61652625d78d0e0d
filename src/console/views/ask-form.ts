import { html, type TemplateResult } from 'lit';
import type { ApiClient } from '../api-client';
import type { CheckAnswer, Combination } from '../api-types';
import { fieldText, instantText } from '../format';
import { loadableTemplate, loadInto, type Loadable } from './problem-template';

/**
 * "Could this data have flowed to this recipient at that instant?" (issue #16, item 5): asks
 * `POST /v1/checks` with `at` and shows the answer; the instant is marked on the timeline.
 */
export class AskForm {
  private answer: Loadable<CheckAnswer> | undefined;
  /** What the instant field holds; kept so that drawing again does not reset it. */
  private at = new Date().toISOString();

  constructor(
    private readonly api: ApiClient,
    private readonly changed: () => void,
  ) {}

  get askedAt(): string | undefined {
    return this.answer?.state === 'loaded' ? this.answer.value.at : undefined;
  }

  clear(): void {
    this.answer = undefined;
  }

  template(subjectId: string, combinations: readonly Combination[]): TemplateResult {
    const unique = (pick: (c: Combination) => string): string[] =>
      [...new Set(combinations.map(pick))].sort();
    const submit = (event: SubmitEvent): void => {
      event.preventDefault();
      const form = new FormData(event.currentTarget as HTMLFormElement);
      const at = fieldText(form, 'at');
      this.at = at;
      const question = {
        subjectId,
        category: fieldText(form, 'category'),
        recipient: fieldText(form, 'recipient'),
        purpose: fieldText(form, 'purpose'),
        ...(at === '' ? {} : { at }),
      };
      void loadInto(
        () => this.api.post<CheckAnswer>('/v1/checks', question, ['auditor']),
        (answer) => {
          this.answer = answer;
          this.changed();
        },
      );
    };
    return html`<section class="ask" aria-labelledby="ask-title">
      <h3 id="ask-title">Ask: could it have flowed?</h3>
      <form @submit=${submit} class="ask-form">
        ${select(
          'category',
          'Category',
          unique((c) => c.category),
        )}
        ${select(
          'recipient',
          'Recipient',
          unique((c) => c.recipient),
        )}
        ${select(
          'purpose',
          'Purpose',
          unique((c) => c.purpose),
        )}
        <label
          >Instant (ISO 8601, UTC)
          <input name="at" type="text" spellcheck="false" .value=${this.at} />
        </label>
        <button type="submit">Ask</button>
      </form>
      <div aria-live="polite">
        ${this.answer ? loadableTemplate(this.answer, answerTemplate) : ''}
      </div>
    </section>`;
  }
}

function select(name: string, label: string, values: readonly string[]): TemplateResult {
  return html`<label
    >${label}
    <select name=${name}>
      ${values.map((value) => html`<option value=${value}>${value}</option>`)}
    </select>
  </label>`;
}

function answerTemplate(answer: CheckAnswer): TemplateResult {
  return html`<div
    class=${`answer ${answer.permitted ? 'permitted' : 'refused'}`}
    data-permitted=${String(answer.permitted)}
  >
    <p>
      <strong>${answer.permitted ? 'Permitted' : 'Not permitted'}</strong> — ${answer.category} →
      ${answer.recipient} (${answer.purpose}) at ${instantText(answer.at)}
    </p>
    <dl class="facts">
      <div>
        <dt>Basis</dt>
        <dd data-field="basis">${answer.basis ?? '—'}</dd>
      </div>
      <div>
        <dt>Since</dt>
        <dd data-field="since">${answer.since ? instantText(answer.since) : '—'}</dd>
      </div>
      <div>
        <dt>Until</dt>
        <dd data-field="until">${answer.until ? instantText(answer.until) : '—'}</dd>
      </div>
      <div>
        <dt>Reasons</dt>
        <dd data-field="reasons">${answer.reasons.join(', ') || '—'}</dd>
      </div>
      <div>
        <dt>Policy version</dt>
        <dd>${answer.policyVersion ?? '—'}</dd>
      </div>
      <div>
        <dt>Evidence</dt>
        <dd>
          ${answer.evidence.map((e) => `${e.type} (revision ${e.revision})`).join('; ') || '—'}
        </dd>
      </div>
    </dl>
  </div>`;
}
