import { html, svg, type TemplateResult } from 'lit';
import type { ApiClient } from '../api-client';
import { fieldText } from '../format';
import { selectionKey, type Selection } from '../timeline/selection';
import { loadSubjectHistory, type SubjectHistory } from '../timeline/subject-history';
import { BASIS_LABEL, Timeline } from '../timeline/timeline';
import { AskForm } from './ask-form';
import { evidenceTemplate } from './evidence-panel';
import { KnownAtForm } from './known-at-form';
import { LookupForm } from './lookup-form';
import { textAlternativeTemplate } from './text-alternative';
import { VerifyPanel } from './verify-panel';
import { loadableTemplate, loadInto, problemTemplate, type Loadable } from './problem-template';

const PSEUDONYM = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * One subject's history (issue #16, items 3 and 5): found by its pseudonym, drawn as the
 * timeline, with the evidence behind what is clicked, a table of the windows as text, and
 * the question form.
 */
export class SubjectView {
  private subjectId: string | undefined;
  private history: Loadable<SubjectHistory> | undefined;
  private selected: Selection | undefined;
  private findProblem: string | undefined;
  private readonly timeline: Timeline;
  private readonly ask: AskForm;
  private readonly lookup: LookupForm;
  private readonly knownAt: KnownAtForm;
  private readonly verify: VerifyPanel;

  constructor(
    private readonly api: ApiClient,
    private readonly changed: () => void,
    private readonly go: (subjectId: string) => void,
  ) {
    this.timeline = new Timeline(changed);
    this.ask = new AskForm(api, changed);
    this.lookup = new LookupForm(api, changed, go);
    this.knownAt = new KnownAtForm(api, changed);
    this.verify = new VerifyPanel(api, changed);
  }

  open(subjectId: string | undefined): void {
    if (subjectId === this.subjectId) return;
    this.subjectId = subjectId;
    this.selected = undefined;
    this.ask.clear();
    this.knownAt.clear();
    this.verify.clear();
    this.history = undefined;
    if (subjectId === undefined) return;
    void loadInto(
      () => loadSubjectHistory(this.api, subjectId),
      (history) => {
        if (this.subjectId !== subjectId) return;
        if (history.state === 'loaded') this.timeline.reset(history.value);
        this.history = history;
        this.changed();
      },
    );
  }

  template(): TemplateResult {
    return html`<h2>Subject timeline</h2>
      ${this.findTemplate()} ${this.lookup.template()}
      ${this.subjectId === undefined ? '' : loadableTemplate(this.history, (history) => this.historyTemplate(history))}`;
  }

  private findTemplate(): TemplateResult {
    const submit = (event: SubmitEvent): void => {
      event.preventDefault();
      const form = new FormData(event.currentTarget as HTMLFormElement);
      const pseudonym = fieldText(form, 'pseudonym');
      this.findProblem = PSEUDONYM.test(pseudonym) ? undefined : 'A subject pseudonym is a UUID.';
      if (this.findProblem === undefined) this.go(pseudonym.toLowerCase());
      this.changed();
    };
    return html`<form class="find" @submit=${submit}>
      <label for="pseudonym">Subject pseudonym</label>
      <input
        id="pseudonym"
        name="pseudonym"
        type="text"
        spellcheck="false"
        .value=${this.subjectId ?? ''}
      />
      <button type="submit">Open</button>
      ${this.findProblem ? html`<p class="problem" role="alert">${this.findProblem}</p>` : ''}
    </form>`;
  }

  private historyTemplate(history: SubjectHistory): TemplateResult {
    const select = (selection: Selection): void => {
      this.selected =
        selectionKey(selection) === selectionKey(this.selected) ? undefined : selection;
      this.changed();
      requestAnimationFrame(() => document.getElementById('evidence-title')?.focus());
    };
    const knownAt = this.knownAt.view;
    return html`<p class="subject-id">Subject <code>${history.subjectId}</code></p>
      ${
        history.bundleProblem
          ? html`<div class="notice">
              Without the export bundle the evidence details and the Local Data Mode shading are
              missing: ${problemTemplate(history.bundleProblem)}
            </div>`
          : ''
      }
      ${legendTemplate()}
      <div class="subject-layout">
        <div class="timeline-column">
          ${this.knownAt.template(history.subjectId, history.combinations)}
          ${this.timeline.template(
            knownAt ? { ...history, combinations: knownAt.combinations } : history,
            this.selected,
            this.ask.askedAt,
            select,
            knownAt?.comparison,
          )}
        </div>
        <aside class="side-column">
          ${
            this.selected
              ? evidenceTemplate(this.selected, history, () => {
                  this.selected = undefined;
                  this.changed();
                })
              : html`<p class="hint">
                  Select a bar or a mark (click, or Tab and Enter) to see its evidence.
                </p>`
          }
          ${this.ask.template(history.subjectId, history.combinations)}
        </aside>
      </div>
      ${this.verify.template(history.subjectId)} ${textAlternativeTemplate(history)}`;
  }
}

function legendTemplate(): TemplateResult {
  const swatch = (basis: 'grant' | 'opt-out-default' | 'mandatory') =>
    html`<li>
      <svg width="28" height="14" aria-hidden="true">
        <rect
          width="28"
          height="14"
          class=${`segment basis-${basis}`}
          fill=${`url(#pattern-${basis})`}
        ></rect>
      </svg>
      ${BASIS_LABEL[basis]}
    </li>`;
  const mark = (label: string, shape: ReturnType<typeof svg>, className: string) =>
    html`<li>
      <svg width="16" height="16" aria-hidden="true"><g class=${className}>${shape}</g></svg>
      ${label}
    </li>`;
  return html`<ul class="legend" aria-label="Legend">
    ${swatch('grant')} ${swatch('opt-out-default')} ${swatch('mandatory')}
    ${mark('recorded sync', svg`<circle class="shape" cx="8" cy="8" r="4.5"></circle>`, 'mark sync-recorded')}
    ${mark('one-off sync', svg`<path class="shape" d="M8,2L14,8L8,14L2,8Z"></path>`, 'mark sync-recorded one-off')}
    ${mark('refused sync', svg`<path class="shape" d="M3,3L13,13M13,3L3,13"></path>`, 'mark sync-refused')}
    <li>
      <svg width="28" height="14" aria-hidden="true">
        <rect class="ldm" width="28" height="14"></rect>
      </svg>
      Local Data Mode
    </li>
    <li>
      <svg width="10" height="14" aria-hidden="true">
        <g class="policy-rule"><line x1="5" x2="5" y1="0" y2="14"></line></g>
      </svg>
      policy version
    </li>
  </ul>`;
}
