import { appendFileSync } from 'node:fs';

/**
 * Lets a fault scenario hand its figures to `npm run faults`, which writes FAULTS.md: one JSON
 * line per call, appended to the file FAULTS_FIGURES_FILE names. Inside `npm test` the
 * variable is unset and this does nothing, so the short runs stay quiet.
 */
export function recordFigures(scenario: string, figures: Readonly<Record<string, unknown>>): void {
  const file = process.env.FAULTS_FIGURES_FILE;
  if (!file) return;
  const line = JSON.stringify({ scenario, recordedAt: new Date().toISOString(), figures });
  appendFileSync(file, `${line}\n`);
}
