import { html, nothing, type TemplateResult } from 'lit';

/** One row of a table: its cells as text, and the data- attributes tests read. */
export interface TableRow {
  readonly cells: readonly (string | number)[];
  readonly data?: Readonly<Record<string, string>>;
}

/** A captioned table with column headers; every cell is text (Lit escapes it). */
export function tableTemplate(
  caption: string,
  className: string,
  headers: readonly string[],
  rows: readonly TableRow[],
): TemplateResult {
  return html`<table class=${className}>
    <caption>
      ${caption}
    </caption>
    <thead>
      <tr>
        ${headers.map((header) => html`<th scope="col">${header}</th>`)}
      </tr>
    </thead>
    <tbody>
      ${rows.map(
        (row) =>
          html`<tr
            data-lane=${row.data?.['lane'] ?? nothing}
            data-start=${row.data?.['start'] ?? nothing}
            data-end=${row.data?.['end'] ?? nothing}
            data-event-id=${row.data?.['event-id'] ?? nothing}
          >
            ${row.cells.map((cell) => html`<td>${cell}</td>`)}
          </tr>`,
      )}
    </tbody>
  </table>`;
}

/** A table that scrolls sideways on a narrow screen and can be reached by keyboard to do so. */
export function scrollingTemplate(label: string, content: TemplateResult): TemplateResult {
  return html`<div class="scroll" tabindex="0" role="region" aria-label=${label}>${content}</div>`;
}
