import { html, type TemplateResult } from 'lit';
import type { BundleEvent, Cause } from '../api-types';
import { instantText } from '../format';
import type { Selection } from '../timeline/selection';
import { validTimeOf } from '../timeline/local-data-mode';
import type { SubjectHistory } from '../timeline/subject-history';

/**
 * The evidence behind a clicked bar or mark: the events that opened and closed the window
 * (or the sync event), with their stream revision, global position, valid and recorded
 * time and actor, and the same data as JSON.
 */
export function evidenceTemplate(
  selection: Selection,
  history: SubjectHistory,
  close: () => void,
): TemplateResult {
  const heading =
    selection.kind === 'window'
      ? `Flow window of ${selection.combination.category} → ${selection.combination.recipient} (${selection.combination.purpose})`
      : `${selection.flow.outcome === 'refused' ? 'Refused' : 'Recorded'} sync ${selection.flow.syncId}`;
  const json = selection.kind === 'window' ? selection.window : selection.flow;
  return html`<section
    class="evidence"
    aria-labelledby="evidence-title"
    data-selection=${selection.kind}
  >
    <h3 id="evidence-title" tabindex="-1">${heading}</h3>
    ${
      selection.kind === 'window'
        ? html`<dl class="facts">
              <div>
                <dt>From (valid time)</dt>
                <dd>${instantText(selection.window.start)}</dd>
              </div>
              <div>
                <dt>Until</dt>
                <dd>${instantText(selection.window.end)}</dd>
              </div>
              <div>
                <dt>Basis</dt>
                <dd>
                  ${selection.window.bases.map((b) => `${b.basis} from ${instantText(b.from)}`).join('; ')}
                </dd>
              </div>
            </dl>
            <h4>Opened by</h4>
            ${causeTemplate(selection.window.openedBy, history)}
            <h4>Closed by</h4>
            ${selection.window.closedBy ? causeTemplate(selection.window.closedBy, history) : html`<p>Still open.</p>`}`
        : html`<dl class="facts">
              <div>
                <dt>Outcome</dt>
                <dd>${selection.flow.outcome}</dd>
              </div>
              <div>
                <dt>Basis</dt>
                <dd>${selection.flow.basis ?? '—'}</dd>
              </div>
              <div>
                <dt>Reasons</dt>
                <dd>${(selection.flow.reasons ?? []).join(', ') || '—'}</dd>
              </div>
              <div>
                <dt>Precision</dt>
                <dd>${selection.flow.precision}</dd>
              </div>
              <div>
                <dt>Policy version</dt>
                <dd>${selection.flow.policyVersion}</dd>
              </div>
              ${
                history.violations.has(selection.flow.eventId)
                  ? html`<div>
                      <dt>Violation</dt>
                      <dd>No flow window holds this recorded flow.</dd>
                    </div>`
                  : ''
              }
            </dl>
            <h4>Event</h4>
            ${eventTemplate(history.events.get(selection.flow.eventId), selection.flow.eventId)}`
    }
    <details>
      <summary>The same data as JSON</summary>
      <pre class="json">${JSON.stringify(json, null, 2)}</pre>
    </details>
    <button type="button" @click=${close}>Close evidence</button>
  </section>`;
}

function causeTemplate(cause: Cause, history: SubjectHistory): TemplateResult {
  if (cause.kind === 'policy-version' || cause.kind === 'lapse') {
    const what = cause.kind === 'lapse' ? 'Grant lapsed when policy version' : 'Policy version';
    return html`<p>${what} ${cause.version ?? '?'} took effect.</p>`;
  }
  const note = cause.kind === 'expiry' ? html`<p>The grant's expiry, set by this event:</p>` : '';
  return html`${note}${eventTemplate(cause.eventId ? history.events.get(cause.eventId) : undefined, cause.eventId)}`;
}

function eventTemplate(
  event: BundleEvent | undefined,
  eventId: string | undefined,
): TemplateResult {
  if (!event) return html`<p>Event ${eventId ?? '?'} (not in the export bundle).</p>`;
  const actor = event.data['actor'] ?? event.data['requestedBy'];
  return html`<dl class="facts event" data-event-id=${event.id}>
    <div>
      <dt>Type</dt>
      <dd>${event.type}</dd>
    </div>
    <div>
      <dt>Revision</dt>
      <dd>${event.streamRevision}</dd>
    </div>
    <div>
      <dt>Global position</dt>
      <dd>${event.globalPosition}</dd>
    </div>
    <div>
      <dt>Valid time</dt>
      <dd>${instantText(validTimeOf(event))}</dd>
    </div>
    <div>
      <dt>Recorded</dt>
      <dd>${instantText(event.recordedAt)}</dd>
    </div>
    <div>
      <dt>Actor</dt>
      <dd>${typeof actor === 'string' ? actor : '—'}</dd>
    </div>
  </dl>`;
}
