import { html, type TemplateResult } from 'lit';
import { instantText, laneKeyOf } from '../format';
import type { SubjectHistory } from '../timeline/subject-history';
import { scrollingTemplate, tableTemplate } from './table-template';

/** The timeline as text: every window, every sync and every Local Data Mode period. */
export function textAlternativeTemplate(history: SubjectHistory): TemplateResult {
  const windows = [...history.combinations]
    .sort((a, b) => laneKeyOf(a).localeCompare(laneKeyOf(b)))
    .flatMap((c) => c.windows.map((w) => ({ c, w })));
  return html`<details class="text-alternative" open>
    <summary>The timeline as text</summary>
    ${scrollingTemplate(
      'The timeline as text',
      html`${tableTemplate(
        'Flow windows (valid time, UTC)',
        'windows-table',
        ['Category', 'Recipient', 'Purpose', 'From', 'Until', 'Basis', 'Opened by', 'Closed by'],
        windows.map(({ c, w }) => ({
          cells: [
            c.category,
            c.recipient,
            c.purpose,
            instantText(w.start),
            instantText(w.end),
            w.bases.map((b) => b.basis).join(', '),
            w.openedBy.type ?? w.openedBy.kind,
            w.closedBy ? (w.closedBy.type ?? w.closedBy.kind) : '—',
          ],
          data: { lane: laneKeyOf(c), start: w.start, end: w.end ?? '' },
        })),
      )}
      ${tableTemplate(
        'Syncs recorded and refused',
        'flows-table',
        ['When', 'Category', 'Recipient', 'Purpose', 'Outcome', 'Basis or reasons'],
        history.flows.map((f) => ({
          cells: [
            instantText(f.occurredAt),
            f.category,
            f.recipient,
            f.purpose,
            `${f.outcome}${history.violations.has(f.eventId) ? ' (violation)' : ''}`,
            f.basis ?? (f.reasons ?? []).join(', '),
          ],
          data: { 'event-id': f.eventId },
        })),
      )}
      ${tableTemplate(
        'Local Data Mode periods',
        'ldm-table',
        ['From', 'Until'],
        history.localDataMode.map((p) => ({
          cells: [instantText(p.start), p.end ? instantText(p.end) : 'still on'],
        })),
      )}`,
    )}
  </details>`;
}
