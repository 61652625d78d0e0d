import { html, type TemplateResult } from 'lit';
import { allPages, type ApiClient } from '../api-client';
import type {
  ConsentSummary,
  Erasure,
  ErasuresPage,
  Violation,
  ViolationsPage,
} from '../api-types';
import { instantText } from '../format';
import { hrefOf } from '../routes';
import { loadableTemplate, loadInto, type Loadable } from './problem-template';
import { scrollingTemplate, tableTemplate } from './table-template';

interface Checkpoint {
  readonly origin: string;
  readonly size: string;
  readonly rootHash: string;
}

/**
 * The landing page after sign-in (issue #16, item 7): the tenant's consent counts, the
 * violations, the open erasures with their deadlines and the latest checkpoint.
 */
export class OverviewView {
  private summary: Loadable<ConsentSummary> | undefined;
  private violations: Loadable<readonly Violation[]> | undefined;
  private erasures: Loadable<ErasuresPage> | undefined;
  private checkpoint: Loadable<Checkpoint> | undefined;

  constructor(
    private readonly api: ApiClient,
    private readonly changed: () => void,
  ) {}

  load(): void {
    void loadInto(
      () => this.api.json<ConsentSummary>('/v1/consent-state/summary', ['auditor', 'tenant-admin']),
      (s) => this.set(() => (this.summary = s)),
    );
    void loadInto(
      async () =>
        (
          await allPages(
            (cursor) =>
              this.api.json<ViolationsPage>(
                `/v1/violations?limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
                ['auditor'],
              ),
            4,
          )
        ).flatMap((page) => page.violations),
      (v) => this.set(() => (this.violations = v)),
    );
    void loadInto(
      () =>
        this.api.json<ErasuresPage>('/v1/erasures?state=open&limit=200', [
          'auditor',
          'privacy-officer',
        ]),
      (e) => this.set(() => (this.erasures = e)),
    );
    void loadInto(
      async () => checkpointOf(await this.api.text('/v1/audit/checkpoint', ['auditor'])),
      (c) => this.set(() => (this.checkpoint = c)),
    );
  }

  private set(change: () => unknown): void {
    change();
    this.changed();
  }

  template(): TemplateResult {
    return html`<h2>Tenant overview</h2>
      <div class="panels">
        <section class="panel" aria-labelledby="summary-title" data-panel="summary">
          <h3 id="summary-title">Subjects and permissions now</h3>
          ${loadableTemplate(this.summary, summaryTemplate)}
        </section>
        <section class="panel" aria-labelledby="violations-title" data-panel="violations">
          <h3 id="violations-title">Violations</h3>
          ${loadableTemplate(this.violations, violationsTemplate)}
        </section>
        <section class="panel" aria-labelledby="erasures-title" data-panel="erasures">
          <h3 id="erasures-title">Open erasures</h3>
          ${loadableTemplate(this.erasures, erasuresTemplate)}
        </section>
        <section class="panel" aria-labelledby="checkpoint-title" data-panel="checkpoint">
          <h3 id="checkpoint-title">Latest checkpoint</h3>
          ${loadableTemplate(this.checkpoint, checkpointTemplate)}
        </section>
      </div>`;
  }
}

/** The first three lines of a C2SP checkpoint: origin, tree size, root hash. */
function checkpointOf(note: string): Checkpoint {
  const [origin = '', size = '', rootHash = ''] = note.split('\n');
  return { origin, size, rootHash };
}

function summaryTemplate(summary: ConsentSummary): TemplateResult {
  const s = summary.subjects;
  return html`<dl class="counts">
      <div>
        <dt>Registered</dt>
        <dd data-count="registered">${s.registered}</dd>
      </div>
      <div>
        <dt>Active</dt>
        <dd data-count="active">${s.active}</dd>
      </div>
      <div>
        <dt>In Local Data Mode</dt>
        <dd data-count="local-data-mode">${s.localDataMode}</dd>
      </div>
      <div>
        <dt>Erased</dt>
        <dd data-count="erased">${s.erased}</dd>
      </div>
    </dl>
    <p class="as-of">As of ${instantText(summary.asOf)}</p>
    <details>
      <summary>Subjects permitted per combination</summary>
      ${scrollingTemplate(
        'Subjects permitted per combination',
        tableTemplate(
          'Subjects permitted per combination',
          'summary-table',
          ['Category', 'Recipient', 'Purpose', 'Permitted', 'Not permitted'],
          summary.combinations.map((c) => ({
            cells: [c.category, c.recipient, c.purpose, c.permitted, c.notPermitted],
          })),
        ),
      )}
    </details>`;
}

function violationsTemplate(violations: readonly Violation[]): TemplateResult {
  if (violations.length === 0) return html`<p>No recorded flow lies outside its flow windows.</p>`;
  return html`<ul class="items">
    ${violations.map(
      (v) =>
        html`<li data-event-id=${v.eventId}>
          <a href=${hrefOf({ view: 'subject', subjectId: v.subjectId })}>${v.subjectId}</a>:
          ${v.category} → ${v.recipient} (${v.purpose}) at ${instantText(v.occurredAt)} on
          ${v.basis}; ${v.why.reason}
        </li>`,
    )}
  </ul>`;
}

function erasuresTemplate(page: ErasuresPage): TemplateResult {
  if (page.erasures.length === 0) return html`<p>No open erasure request.</p>`;
  const sorted = [...page.erasures].sort((a, b) => a.deadline.localeCompare(b.deadline));
  return html`<ul class="items">
    ${sorted.map(
      (e: Erasure) =>
        html`<li class=${e.overdue ? 'overdue' : ''} data-erasure-id=${e.erasureId}>
          <a href=${hrefOf({ view: 'subject', subjectId: e.subjectId })}>${e.subjectId}</a>
          (${e.scope}) requested ${instantText(e.requestedAt)}, deadline
          <strong data-deadline=${e.deadline}>${instantText(e.deadline)}</strong
          >${e.overdue ? html` — <strong>overdue</strong>` : ''}
        </li>`,
    )}
  </ul>`;
}

function checkpointTemplate(checkpoint: Checkpoint): TemplateResult {
  return html`<dl class="facts">
    <div>
      <dt>Log</dt>
      <dd>${checkpoint.origin}</dd>
    </div>
    <div>
      <dt>Tree size</dt>
      <dd data-checkpoint-size>${checkpoint.size}</dd>
    </div>
    <div>
      <dt>Root hash</dt>
      <dd class="hash">${checkpoint.rootHash}</dd>
    </div>
  </dl>`;
}
