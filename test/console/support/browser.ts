import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';

/** Debian's chromium: Playwright's own download cannot reach the internet here (issue #16). */
export const CHROMIUM = '/usr/bin/chromium';
export const SCREENSHOTS = join(__dirname, '..', 'screenshots');

/** One headless Chromium for a test file; the suite fails, never skips, without it. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `The console tests need Debian's chromium at ${CHROMIUM}. .ci/run installs it (apt-get install chromium); on a dev machine run: apt-get install -y chromium`,
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** axe-core's serious and critical findings on the page as it is now: ids and where. */
export async function seriousAccessibilityProblems(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join('; ')})`);
}

/** A screenshot kept as a test artifact in the git-ignored test/console/screenshots; `height`: only the top. */
export async function screenshot(page: Page, name: string, height?: number): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  const width = page.viewportSize()?.width ?? 1280;
  await (height === undefined
    ? page.screenshot({ path, fullPage: true })
    : page.screenshot({ path, fullPage: true, clip: { x: 0, y: 0, width, height } }));
}

/** The `data-` attributes `names` of every element `locator` finds, in document order. */
export async function dataOf<N extends string>(
  locator: Locator,
  names: readonly N[],
): Promise<Record<N, string>[]> {
  const rows: Record<N, string>[] = [];
  for (const element of await locator.all()) {
    const row = {} as Record<N, string>;
    for (const name of names) row[name] = (await element.getAttribute(`data-${name}`)) ?? '';
    rows.push(row);
  }
  return rows;
}

/** A `<dl>` as term → description, whitespace trimmed. */
export async function factsOf(list: Locator): Promise<Record<string, string>> {
  const terms = await list.locator('dt').allTextContents();
  const descriptions = await list.locator('dd').allTextContents();
  return Object.fromEntries(terms.map((term, i) => [term.trim(), (descriptions[i] ?? '').trim()]));
}
