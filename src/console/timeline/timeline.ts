import { html, nothing, svg, type SVGTemplateResult, type TemplateResult } from 'lit';
import { ref } from 'lit/directives/ref.js';
import type { Flow, FlowWindow, StandingBasis } from '../api-types';
import { instantText } from '../format';
import { windowKey, type KnownAtComparison } from './known-at';
import { heightOf, LANE_HEIGHT, rowsOf, type Row } from './lanes';
import { selectionKey, type Selection } from './selection';
import type { SubjectHistory } from './subject-history';
import { ticks } from './time-axis';
import { fitting, panned, zoomed, type Viewport } from './viewport';

const AXIS_HEIGHT = 30;
const BAR_HEIGHT = 14;
const RIGHT_MARGIN = 12;
const BASIS_LABEL: Readonly<Record<StandingBasis | 'one-off-sync', string>> = {
  grant: 'grant',
  'opt-out-default': 'opt-out default',
  mandatory: 'mandatory',
  'one-off-sync': 'one-off sync',
};

/**
 * The subject timeline (issue #16, item 3): one lane per combination, grouped by category;
 * flow windows as bars whose basis shows by colour and pattern; Local Data Mode shaded
 * across all lanes; policy versions as vertical rules; syncs and refusals as marks. Every
 * drawn window carries its lane, start, end and basis as data- attributes, exactly as the
 * API gave them. Wheel, drag and keys zoom and pan.
 */
export class Timeline {
  private view: Viewport | undefined;
  private width = 1000;
  private drag: { readonly x: number; readonly view: Viewport; moved: boolean } | undefined;
  private observer: ResizeObserver | undefined;

  constructor(private readonly changed: () => void) {}

  /** Fits the view to the history (a new subject). */
  reset(history: SubjectHistory): void {
    const instants = instantsOf(history);
    this.view = fitting(Math.min(...instants), Math.max(...instants));
  }

  template(
    history: SubjectHistory,
    selected: Selection | undefined,
    askedAt: string | undefined,
    select: (selection: Selection) => void,
    comparison?: KnownAtComparison,
  ): TemplateResult {
    if (!this.view) this.reset(history);
    const view = this.view!;
    const labelWidth = this.width < 640 ? 130 : 270;
    const x0 = labelWidth;
    const x1 = Math.max(this.width - RIGHT_MARGIN, x0 + 50);
    const x = (iso: string | number): number =>
      x0 +
      (((typeof iso === 'number' ? iso : Date.parse(iso)) - view.start) / (view.end - view.start)) *
        (x1 - x0);
    const rows = rowsOf(history.combinations, history.flows, AXIS_HEIGHT);
    const height = heightOf(rows, AXIS_HEIGHT) + 4;
    const selectedKey = selectionKey(selected);
    const activate = (selection: Selection) => (event: Event) => {
      if (event instanceof KeyboardEvent && event.key !== 'Enter' && event.key !== ' ') return;
      if (this.drag?.moved) return;
      event.preventDefault();
      select(selection);
    };
    const clamp = (value: number): number => Math.min(Math.max(value, x0 - 2), x1 + 2);

    const windowBars = (row: Extract<Row, { kind: 'lane' }>): SVGTemplateResult[] =>
      row.combination.windows.map((w) => {
        const selection: Selection = { kind: 'window', combination: row.combination, window: w };
        const end = w.end ?? new Date(Math.max(view.end, Date.now())).toISOString();
        const bases = [...new Set(w.bases.map((b) => b.basis))];
        const changed = comparison?.changedLater.has(windowKey(row.key, w));
        const change = comparison === undefined ? nothing : changed ? 'changed-later' : 'unchanged';
        return svg`<g class=${`window${selectionKey(selection) === selectedKey ? ' selected' : ''}${changed ? ' changed-later' : ''}`}
          data-lane=${row.key} data-start=${w.start} data-end=${w.end ?? ''} data-basis=${bases.join(' ')}
          data-change=${change}
          role="button" tabindex="0"
          aria-label=${`${row.key.replaceAll('|', ', ')}: could flow from ${instantText(w.start)} to ${instantText(w.end)} on ${bases.map((b) => BASIS_LABEL[b]).join(', ')}`}
          @click=${activate(selection)} @keydown=${activate(selection)}>
          ${basisSegments(w, end).map(
            (segment) =>
              svg`<rect class=${`segment basis-${segment.basis}`} x=${clamp(x(segment.from))} y=${row.y + (LANE_HEIGHT - BAR_HEIGHT) / 2}
                width=${Math.max(clamp(x(segment.to)) - clamp(x(segment.from)), 2)} height=${BAR_HEIGHT}
                fill=${`url(#pattern-${segment.basis})`}></rect>`,
          )}
          <title>${BASIS_LABEL[bases[0] ?? 'grant']} ${instantText(w.start)} – ${instantText(w.end)}</title>
        </g>`;
      });

    // Windows that stand now but were not known at `knownAt`: outlined, not filled.
    const laterBars = (row: Extract<Row, { kind: 'lane' }>): SVGTemplateResult[] =>
      (comparison?.addedLater.get(row.key) ?? []).map((w) => {
        const from = clamp(x(w.start));
        const to = clamp(x(w.end ?? Math.max(view.end, Date.now())));
        const label = `Known only after ${instantText(comparison?.knownAt)}: could flow from ${instantText(w.start)} to ${instantText(w.end)}`;
        return svg`<g class="later-window" data-lane=${row.key} data-start=${w.start} data-end=${w.end ?? ''}
          data-change="added-later" role="img" aria-label=${label}>
          <rect class="later-outline" x=${from} y=${row.y + (LANE_HEIGHT - BAR_HEIGHT) / 2 + 1}
            width=${Math.max(to - from, 2)} height=${BAR_HEIGHT - 2}></rect>
          <title>${label}</title>
        </g>`;
      });

    const flowMarks = (row: Extract<Row, { kind: 'lane' }>): SVGTemplateResult[] =>
      row.flows.map((flow) => {
        const selection: Selection = { kind: 'flow', flow };
        const cx = x(flow.occurredAt);
        const cy = row.y + LANE_HEIGHT / 2;
        const violation = history.violations.has(flow.eventId);
        const classes = [
          'mark',
          `sync-${flow.outcome}`,
          flow.basis === 'one-off-sync' ? 'one-off' : '',
          violation ? 'violation' : '',
          selectionKey(selection) === selectedKey ? 'selected' : '',
        ].join(' ');
        return svg`<g class=${classes} data-event-id=${flow.eventId} data-at=${flow.occurredAt} data-outcome=${flow.outcome}
          role="button" tabindex="0" aria-label=${flowLabel(flow, violation)}
          @click=${activate(selection)} @keydown=${activate(selection)}>
          ${violation ? svg`<circle class="violation-ring" cx=${cx} cy=${cy} r="9"></circle>` : ''}
          ${markShape(flow, cx, cy)}
          <title>${flowLabel(flow, violation)}</title>
        </g>`;
      });

    const lanesBottom = height - 4;
    return html`<div class="timeline-tools" role="toolbar" aria-label="Zoom and pan">
        <button type="button" @click=${() => this.move(zoomed(view, 1 / 1.5))}>Zoom in</button>
        <button type="button" @click=${() => this.move(zoomed(view, 1.5))}>Zoom out</button>
        <button type="button" @click=${() => this.move(panned(view, -0.2))}>Earlier</button>
        <button type="button" @click=${() => this.move(panned(view, 0.2))}>Later</button>
        <button type="button" @click=${() => this.fit(history)}>Show all</button>
        <span class="view-span"
          >${instantText(new Date(view.start).toISOString())} –
          ${instantText(new Date(view.end).toISOString())} (UTC)</span
        >
      </div>
      <div
        class="timeline-canvas"
        tabindex="0"
        role="region"
        aria-label="Timeline of flow windows. Arrow keys pan, plus and minus zoom, 0 shows all."
        ${ref((element) => this.observe(element))}
        @keydown=${(event: KeyboardEvent) => this.onKey(event, history)}
        @wheel=${(event: WheelEvent) => this.onWheel(event, x0, x1)}
        @pointerdown=${(event: PointerEvent) => this.onPointerDown(event)}
        @pointermove=${(event: PointerEvent) => this.onPointerMove(event, x1 - x0)}
        @pointerup=${() => this.onPointerUp()}
        @pointercancel=${() => this.onPointerUp()}
      >
        <svg
          class="timeline"
          width=${this.width}
          height=${height}
          role="group"
          aria-label="Subject timeline"
        >
          ${patternDefs()}
          <clipPath id="plot-area">
            <rect x=${x0} y="0" width=${x1 - x0} height=${height}></rect>
          </clipPath>
          <g class="axis">
            ${ticks(view.start, view.end, Math.floor((x1 - x0) / 90)).map(
              (
                tick,
              ) => svg`<line class="grid" x1=${x(tick.at)} x2=${x(tick.at)} y1=${AXIS_HEIGHT - 6} y2=${lanesBottom}></line>
                <text class="tick" x=${x(tick.at)} y=${AXIS_HEIGHT - 10} text-anchor="middle">${tick.label}</text>`,
            )}
          </g>
          <clipPath id="label-area">
            <rect x="0" y="0" width=${x0 - 6} height=${height}></rect>
          </clipPath>
          <g clip-path="url(#label-area)">
            ${rows.map((row) =>
              row.kind === 'category'
                ? svg`<text class="category-label" x="6" y=${row.y + 15}>${row.category}</text>`
                : svg`<text class="lane-label" x="14" y=${row.y + 17}>${row.combination.recipient} · ${row.combination.purpose}<title>${row.key.replaceAll('|', ' · ')}</title></text>`,
            )}
          </g>
          ${rows.map((row) =>
            row.kind === 'lane'
              ? svg`<line class="lane-line" x1=${x0} x2=${x1} y1=${row.y + LANE_HEIGHT} y2=${row.y + LANE_HEIGHT}></line>`
              : '',
          )}
          <g clip-path="url(#plot-area)">
            ${history.localDataMode.map(
              (
                period,
              ) => svg`<rect class="ldm" data-start=${period.start} data-end=${period.end ?? ''}
                x=${clamp(x(period.start))} y=${AXIS_HEIGHT}
                width=${Math.max(clamp(x(period.end ?? view.end)) - clamp(x(period.start)), 1)} height=${lanesBottom - AXIS_HEIGHT}>
                <title>Local Data Mode on ${instantText(period.start)} – ${instantText(period.end)}</title></rect>`,
            )}
            ${rows.flatMap((row) => (row.kind === 'lane' ? [...laterBars(row), ...windowBars(row), ...flowMarks(row)] : []))}
            ${history.policies.map(
              (
                policy,
              ) => svg`<g class="policy-rule" data-version=${policy.version} data-at=${policy.effectiveFrom}>
                <line x1=${x(policy.effectiveFrom)} x2=${x(policy.effectiveFrom)} y1=${AXIS_HEIGHT - 4} y2=${lanesBottom}></line>
                <text x=${x(policy.effectiveFrom) + 3} y=${AXIS_HEIGHT + 10}>v${policy.version}</text>
                <title>Policy version ${policy.version} in effect from ${instantText(policy.effectiveFrom)}</title></g>`,
            )}
            ${
              askedAt === undefined
                ? ''
                : svg`<g class="asked-instant" data-at=${askedAt}>
                  <line x1=${x(askedAt)} x2=${x(askedAt)} y1=${AXIS_HEIGHT - 6} y2=${lanesBottom}></line>
                  <title>The instant asked about: ${instantText(askedAt)}</title></g>`
            }
          </g>
        </svg>
      </div>`;
  }

  private move(view: Viewport): void {
    this.view = view;
    this.changed();
  }

  private fit(history: SubjectHistory): void {
    this.reset(history);
    this.changed();
  }

  private observe(element: Element | undefined): void {
    if (!element || this.observer) return;
    this.observer = new ResizeObserver(([entry]) => {
      const width = Math.floor(entry?.contentRect.width ?? this.width);
      if (width > 0 && width !== this.width) {
        this.width = width;
        this.changed();
      }
    });
    this.observer.observe(element);
  }

  private onKey(event: KeyboardEvent, history: SubjectHistory): void {
    if (event.target !== event.currentTarget || !this.view) return;
    const moves: Record<string, () => Viewport> = {
      ArrowLeft: () => panned(this.view!, -0.1),
      ArrowRight: () => panned(this.view!, 0.1),
      '+': () => zoomed(this.view!, 1 / 1.5),
      '=': () => zoomed(this.view!, 1 / 1.5),
      '-': () => zoomed(this.view!, 1.5),
    };
    if (event.key === '0') {
      event.preventDefault();
      this.fit(history);
      return;
    }
    const move = moves[event.key];
    if (!move) return;
    event.preventDefault();
    this.move(move());
  }

  private onWheel(event: WheelEvent, x0: number, x1: number): void {
    if (!this.view) return;
    event.preventDefault();
    const bounds = (event.currentTarget as HTMLElement).getBoundingClientRect();
    const anchor = Math.min(Math.max((event.clientX - bounds.left - x0) / (x1 - x0), 0), 1);
    this.move(zoomed(this.view, event.deltaY > 0 ? 1.25 : 1 / 1.25, anchor));
  }

  private onPointerDown(event: PointerEvent): void {
    if (!this.view || event.button !== 0) return;
    this.drag = { x: event.clientX, view: this.view, moved: false };
  }

  private onPointerMove(event: PointerEvent, plotWidth: number): void {
    if (!this.drag || (event.buttons & 1) === 0) return;
    const dx = event.clientX - this.drag.x;
    if (Math.abs(dx) < 3 && !this.drag.moved) return;
    this.drag.moved = true;
    this.move(panned(this.drag.view, -dx / plotWidth));
  }

  private onPointerUp(): void {
    // The click that ends a drag comes after pointerup: forget the drag once it has passed.
    const drag = this.drag;
    setTimeout(() => {
      if (this.drag === drag) this.drag = undefined;
    }, 0);
  }
}

/** Every instant the history names, so that "show all" holds all of it. */
function instantsOf(history: SubjectHistory): number[] {
  const instants = [Date.now()];
  for (const combination of history.combinations) {
    for (const w of combination.windows) {
      instants.push(Date.parse(w.start));
      if (w.end) instants.push(Date.parse(w.end));
    }
  }
  for (const flow of history.flows) instants.push(Date.parse(flow.occurredAt));
  for (const period of history.localDataMode) instants.push(Date.parse(period.start));
  return instants.filter((at) => Number.isFinite(at));
}

/** A window cut where its basis changes (e.g. a grant given while an opt-out default held). */
function basisSegments(
  w: FlowWindow,
  end: string,
): { basis: StandingBasis; from: string; to: string }[] {
  return w.bases.map((period, index) => ({
    basis: period.basis,
    from: period.from,
    to: w.bases[index + 1]?.from ?? end,
  }));
}

function flowLabel(flow: Flow, violation: boolean): string {
  const what = `${flow.category} to ${flow.recipient} (${flow.purpose}) at ${instantText(flow.occurredAt)}`;
  if (flow.outcome === 'refused')
    return `Refused sync ${flow.syncId}: ${what}; ${(flow.reasons ?? []).join(', ')}`;
  return `${violation ? 'Violation: ' : ''}Recorded sync ${flow.syncId}: ${what} on ${flow.basis ?? 'unknown basis'}`;
}

function markShape(flow: Flow, cx: number, cy: number): SVGTemplateResult {
  if (flow.outcome === 'refused') {
    return svg`<path class="shape" d=${`M${cx - 5},${cy - 5}L${cx + 5},${cy + 5}M${cx + 5},${cy - 5}L${cx - 5},${cy + 5}`}></path>`;
  }
  if (flow.basis === 'one-off-sync') {
    return svg`<path class="shape" d=${`M${cx},${cy - 6}L${cx + 6},${cy}L${cx},${cy + 6}L${cx - 6},${cy}Z`}></path>`;
  }
  return svg`<circle class="shape" cx=${cx} cy=${cy} r="4.5"></circle>`;
}

/** Basis shown by pattern as well as colour: solid, stripes, dots. */
export function patternDefs(): SVGTemplateResult {
  return svg`<defs>
    <pattern id="pattern-grant" width="8" height="8" patternUnits="userSpaceOnUse">
      <rect class="fill-grant" width="8" height="8"></rect>
    </pattern>
    <pattern id="pattern-opt-out-default" width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
      <rect class="fill-opt-out-default-light" width="8" height="8"></rect>
      <rect class="fill-opt-out-default" width="4" height="8"></rect>
    </pattern>
    <pattern id="pattern-mandatory" width="6" height="6" patternUnits="userSpaceOnUse">
      <rect class="fill-mandatory-light" width="6" height="6"></rect>
      <circle class="fill-mandatory" cx="3" cy="3" r="1.8"></circle>
    </pattern>
  </defs>`;
}

export { BASIS_LABEL, AXIS_HEIGHT };
