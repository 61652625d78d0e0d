import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { buildConsole } from '../../bin/build-console';
import { createApiKey } from '../support/credentials';
import { useReadSideApp, type Json } from '../read-side/read-side-app';
import {
  dataOf,
  factsOf,
  launchChromium,
  screenshot,
  seriousAccessibilityProblems,
} from './support/browser';
import { seedOpenErasure, seedSubject, type SeededTimes } from './support/seeded-subject';
import { seedLateHistory } from './support/late-history';
import { cliVerdict, signedLog, tamperedEvent } from './support/verify-bundles';

/**
 * The auditor console (issue #16) in a real Chromium against the service on 127.0.0.1:
 * what the timeline draws equals what the API answers, exactly.
 */

interface WindowsBody {
  combinations: {
    category: string;
    recipient: string;
    purpose: string;
    windows: { start: string; end?: string; bases: { basis: string }[] }[];
  }[];
}

interface Cause {
  eventId: string;
  revision: number;
}

interface DrawnWindow {
  lane: string;
  start: string;
  end: string;
  basis: string;
}

// The assets must exist before the service starts: it looks for them once. The browser
// closes before the service does (hooks of one level run in the order they are declared).
beforeAll(() => buildConsole(), 60_000);
afterAll(() => browser?.close());
const api = useReadSideApp({ LOG_LEVEL: 'debug' });

let browser: Browser;
let context: BrowserContext;
let page: Page;
let origin: string;
let auditorKey: string;
let appKey: string;
let subjectId: string;
let token: string;
let t: SeededTimes;
let erasure: { subjectId: string; erasureId: string; token: string };
const requests: string[] = [];
/** Every credential the tests signed in with: none may appear in a URL. */
const keys: string[] = [];
const consoleMessages: string[] = [];
const pageErrors: string[] = [];

beforeAll(async () => {
  await api.app.listen(0, '127.0.0.1');
  const { port } = api.app.getHttpServer().address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;
  ({ subjectId, token, t } = await seedSubject(api));
  erasure = await seedOpenErasure(api, t.registered);
  const adminKey = api.credentials.authorization.replace(/^Bearer /, '');
  auditorKey = (await createApiKey(api.app, adminKey, ['auditor'], { name: 'console-auditor' }))
    .apiKey;
  appKey = (await createApiKey(api.app, adminKey, ['app'], { name: 'console-app' })).apiKey;
  keys.push(auditorKey, appKey);
  // Projections are asynchronous: wait until they hold the seeded history.
  expect(
    (await api.get(`/v1/subjects/${subjectId}/flow-windows?consistencyToken=${token}`)).statusCode,
  ).toBe(200);
  expect((await api.get(`/v1/erasures?consistencyToken=${erasure.token}`)).statusCode).toBe(200);
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  page = await context.newPage();
  page.on('request', (request) => requests.push(request.url()));
  page.on('console', (message) => consoleMessages.push(message.text()));
  page.on('pageerror', (error) => pageErrors.push(String(error)));
}, 60_000);

/** Every value this tab's sessionStorage holds (runs in the page). */
function storedValues(): (string | null)[] {
  const values: (string | null)[] = [];
  for (let index = 0; index < sessionStorage.length; index += 1) {
    values.push(sessionStorage.getItem(sessionStorage.key(index) ?? ''));
  }
  return values;
}

async function signIn(key: string): Promise<void> {
  await page.goto(`${origin}/console/`);
  await page.getByLabel('API key or bearer token').fill(key);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

async function signOut(): Promise<void> {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();
}

async function apiJson<T>(url: string): Promise<T> {
  const response = await api.get(url, { authorization: `Bearer ${auditorKey}` });
  expect(response.statusCode).toBe(200);
  return response.json<T>();
}

async function openSubject(id = subjectId): Promise<void> {
  await page.getByRole('link', { name: 'Subject timeline' }).click();
  await page.getByLabel('Subject pseudonym').fill(id);
  await page.getByRole('button', { name: 'Open', exact: true }).click();
  await page.locator('svg.timeline g.window').first().waitFor();
}

describe('serving the console', () => {
  it('serves the page with a strict Content-Security-Policy, nosniff and no referrer', async () => {
    const page = await api.app.inject({ method: 'GET', url: '/console/' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    const policy = String(page.headers['content-security-policy']);
    expect(policy).toMatch(/(^|; )default-src 'self'(;|$)/);
    expect(policy).toMatch(/script-src 'self'(;|$)/);
    expect(policy).not.toMatch(/unsafe-inline|unsafe-eval/);
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    // No inline script or style for the policy to block.
    expect(page.body).not.toMatch(/<script(?![^>]*\bsrc=)|<style|\sstyle=|\son[a-z]+=/i);
    const script = await api.app.inject({ method: 'GET', url: '/console/console.js' });
    expect(script.headers['content-type']).toMatch(/javascript/);
    expect(script.headers['content-security-policy']).toBe(policy);
  });

  it('redirects /console to /console/ and keeps the console out of the OpenAPI document', async () => {
    const redirect = await api.app.inject({ method: 'GET', url: '/console' });
    expect(redirect.statusCode).toBe(302);
    expect(redirect.headers.location).toBe('/console/');
    const document = (await api.app.inject({ method: 'GET', url: '/openapi.json' })).json<{
      paths: Json;
    }>();
    expect(Object.keys(document.paths).filter((path) => path.startsWith('/console'))).toEqual([]);
  });
});

describe('signing in', () => {
  it('says which role is missing when the credential may not read a view', async () => {
    await signIn(appKey);
    const summary = page.locator('[data-panel="summary"] .problem');
    await expect(summary.getAttribute('data-status')).resolves.toBe('403');
    await expect(summary.textContent()).resolves.toMatch(
      /needs a credential with the role auditor or tenant-admin/,
    );
    await expect(page.locator('[data-panel="violations"] .problem').textContent()).resolves.toMatch(
      /role auditor/,
    );
    await signOut();
  });

  it('says so when the credential is unknown', async () => {
    await signIn('not-a-key');
    const problem = page.locator('[data-panel="summary"] .problem');
    await expect(problem.getAttribute('data-status')).resolves.toBe('401');
    await signOut();
  });

  it('keeps the key in sessionStorage only, and signing out removes it', async () => {
    await signIn(auditorKey);
    await page.locator('[data-count="registered"]').waitFor();
    expect(await page.evaluate(storedValues)).toEqual([auditorKey]);
    expect(await page.evaluate(() => localStorage.length)).toBe(0);
    await page.reload();
    await page.locator('[data-count="registered"]').waitFor();
    await signOut();
    expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
    expect(await page.evaluate(() => localStorage.length)).toBe(0);
    expect(page.url()).not.toContain(auditorKey);
  });
});

describe('the tenant overview', () => {
  beforeAll(async () => {
    await signIn(auditorKey);
    await page.locator('[data-count="registered"]').waitFor();
    await page.locator('[data-checkpoint-size]').waitFor();
  });

  it('shows the counts of /v1/consent-state/summary and the violations', async () => {
    const summary = await apiJson<{ subjects: Record<string, number> }>(
      '/v1/consent-state/summary',
    );
    expect(await page.locator('[data-count="registered"]').textContent()).toBe(
      String(summary.subjects.registered),
    );
    expect(await page.locator('[data-count="local-data-mode"]').textContent()).toBe(
      String(summary.subjects.localDataMode),
    );
    const violations = await apiJson<{ violations: { eventId: string }[] }>('/v1/violations');
    expect(violations.violations).toHaveLength(1);
    await expect(
      page
        .locator(
          `[data-panel="violations"] li[data-event-id="${violations.violations[0]!.eventId}"]`,
        )
        .count(),
    ).resolves.toBe(1);
  });

  it('lists the open erasure with its deadline, linked to its subject', async () => {
    const list = await apiJson<{ erasures: { erasureId: string; deadline: string }[] }>(
      `/v1/erasures?state=open&consistencyToken=${erasure.token}`,
    );
    const open = list.erasures.find((e) => e.erasureId === erasure.erasureId)!;
    const item = page.locator(`[data-panel="erasures"] li[data-erasure-id="${erasure.erasureId}"]`);
    await expect(item.locator('[data-deadline]').getAttribute('data-deadline')).resolves.toBe(
      open.deadline,
    );
    await expect(item.getByRole('link').getAttribute('href')).resolves.toBe(
      `#/subjects/${erasure.subjectId}`,
    );
  });

  it('has no serious accessibility problem', async () => {
    await screenshot(page, 'overview');
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
  }, 60_000);
});

describe('the subject timeline', () => {
  beforeAll(() => openSubject());

  it('draws, per lane, exactly the windows the API gives, with their start, end and basis', async () => {
    const body = await apiJson<WindowsBody>(`/v1/subjects/${subjectId}/flow-windows`);
    const expected: DrawnWindow[] = body.combinations.flatMap((c) =>
      c.windows.map((w) => ({
        lane: `${c.category}|${c.recipient}|${c.purpose}`,
        start: w.start,
        end: w.end ?? '',
        basis: [...new Set(w.bases.map((b) => b.basis))].join(' '),
      })),
    );
    const drawn: DrawnWindow[] = await dataOf(page.locator('svg.timeline g.window'), [
      'lane',
      'start',
      'end',
      'basis',
    ]);
    const order = (a: DrawnWindow, b: DrawnWindow): number =>
      `${a.lane}/${a.start}`.localeCompare(`${b.lane}/${b.start}`);
    expect(drawn.sort(order)).toEqual(expected.sort(order));
    const lane = 'device-info|first-party-row|diagnostics';
    expect(drawn.filter((w) => w.lane === lane)).toEqual([
      { lane, start: t.granted, end: t.backdatedOffline, basis: 'grant' },
      { lane, start: t.backdatedOnline, end: t.revoked, basis: 'grant' },
      { lane, start: t.grantedAgain, end: t.offline, basis: 'grant' },
      { lane, start: t.online, end: t.expires, basis: 'grant' },
    ]);
    expect(new Set(drawn.map((w) => w.basis))).toEqual(
      new Set(['grant', 'opt-out-default', 'mandatory']),
    );
  });

  it('shades Local Data Mode where the events say and draws each policy version as a rule', async () => {
    const shaded = (await dataOf(page.locator('svg.timeline rect.ldm'), ['start', 'end'])).map(
      ({ start, end }) => [start, end],
    );
    expect(shaded).toEqual([
      [t.backdatedOffline, t.backdatedOnline],
      [t.offline, t.online],
    ]);
    const rules = (await dataOf(page.locator('svg.timeline g.policy-rule'), ['version', 'at'])).map(
      ({ version, at }) => [version, at],
    );
    const policies = await apiJson<{ version: number; effectiveFrom: string }[]>('/v1/policies');
    expect(rules).toEqual(policies.map((p) => [String(p.version), p.effectiveFrom]));
    expect(rules.map(([, at]) => at)).toContain(t.policy2);
  });

  it('marks every recorded and refused sync, and the violation', async () => {
    const flows = await apiJson<{
      flows: { eventId: string; outcome: string; occurredAt: string }[];
    }>(`/v1/subjects/${subjectId}/flows`);
    const marks = (
      await dataOf(page.locator('svg.timeline g.mark'), ['event-id', 'outcome', 'at'])
    ).map((mark) => ({ eventId: mark['event-id'], outcome: mark.outcome, occurredAt: mark.at }));
    const byId = (a: { eventId: string }, b: { eventId: string }) =>
      a.eventId.localeCompare(b.eventId);
    expect(marks.sort(byId)).toEqual(
      flows.flows
        .map(({ eventId, outcome, occurredAt }) => ({ eventId, outcome, occurredAt }))
        .sort(byId),
    );
    expect(flows.flows.map((f) => f.outcome).sort()).toEqual(['recorded', 'recorded', 'refused']);
    await expect(
      page.locator('svg.timeline g.mark.violation').getAttribute('data-at'),
    ).resolves.toBe(t.mapSynced);
  });

  it('opens the evidence of a bar on click: the events that opened and closed it', async () => {
    const lane = 'device-info|first-party-row|diagnostics';
    const body = await apiJson<{
      combinations: {
        category: string;
        windows: { start: string; openedBy: Cause; closedBy: Cause }[];
      }[];
    }>(
      `/v1/subjects/${subjectId}/flow-windows?category=device-info&recipient=first-party-row&purpose=diagnostics`,
    );
    const window = body.combinations[0]!.windows.find((w) => w.start === t.backdatedOnline)!;
    await page
      .locator(`svg.timeline g.window[data-lane="${lane}"][data-start="${t.backdatedOnline}"]`)
      .click();
    const opened = await factsOf(
      page.locator(`section.evidence dl.event[data-event-id="${window.openedBy.eventId}"]`),
    );
    expect(opened).toMatchObject({
      Type: 'local-data-mode-switched-off',
      Revision: String(window.openedBy.revision),
      'Valid time': t.backdatedOnline.replace('T', ' '),
    });
    expect(opened['Global position']).toMatch(/^\d+$/);
    const closed = await factsOf(
      page.locator(`section.evidence dl.event[data-event-id="${window.closedBy.eventId}"]`),
    );
    expect(closed).toMatchObject({
      Type: 'consent-revoked',
      Revision: String(window.closedBy.revision),
      'Valid time': t.revoked.replace('T', ' '),
    });
    expect(closed['Actor']).toMatch(/^(subject|app)$/);
  });

  it('reaches a mark by keyboard and opens its evidence with Enter', async () => {
    const refused = page.locator('svg.timeline g.mark.sync-refused');
    await refused.focus();
    await page.keyboard.press('Enter');
    await expect(page.locator('section.evidence').getAttribute('data-selection')).resolves.toBe(
      'flow',
    );
    await expect(page.locator('section.evidence').textContent()).resolves.toMatch(/revoked/);
  });

  it('zooms and pans with keys, wheel and drag without changing what a bar says', async () => {
    const span = page.locator('.view-span');
    const before = await span.textContent();
    await page.locator('.timeline-canvas').focus();
    await page.keyboard.press('+');
    await page.keyboard.press('ArrowLeft');
    expect(await span.textContent()).not.toBe(before);
    await expect(
      page.locator(`svg.timeline g.window[data-start="${t.granted}"]`).getAttribute('data-end'),
    ).resolves.toBe(t.backdatedOffline);
    await page.keyboard.press('0');
    const all = await span.textContent();
    const canvas = await page.locator('.timeline-canvas').boundingBox();
    await page.mouse.move(canvas!.x + canvas!.width * 0.7, canvas!.y + 100);
    await page.mouse.wheel(0, -300);
    await expect(span.textContent()).resolves.not.toBe(all);
    const zoomed = await span.textContent();
    await page.mouse.down();
    await page.mouse.move(canvas!.x + canvas!.width * 0.4, canvas!.y + 100, { steps: 5 });
    await page.mouse.up();
    await expect(span.textContent()).resolves.not.toBe(zoomed);
    await page.locator('.timeline-canvas').focus();
    await page.keyboard.press('0');
    await expect(span.textContent()).resolves.toBe(all);
  });

  it('gives the windows as a table too', async () => {
    const rows = await page.locator('table.windows-table tbody tr').count();
    expect(rows).toBe(await page.locator('svg.timeline g.window').count());
  });

  it('answers "could it have flowed?" like POST /v1/checks and marks the instant', async () => {
    const at = new Date(Date.parse(t.granted) + 3_600_000).toISOString();
    await page.getByLabel('Category').selectOption('device-info');
    await page.getByLabel('Recipient').selectOption('first-party-row');
    await page.getByLabel('Purpose').selectOption('diagnostics');
    await page.getByLabel('Instant (ISO 8601, UTC)').fill(at);
    await page.getByRole('button', { name: 'Ask' }).click();
    const answer = page.locator('.answer');
    await expect(answer.getAttribute('data-permitted')).resolves.toBe('true');
    const checked = await api.app.inject({
      method: 'POST',
      url: '/v1/checks',
      headers: { authorization: `Bearer ${auditorKey}`, 'content-type': 'application/json' },
      payload: JSON.stringify({
        subjectId,
        category: 'device-info',
        recipient: 'first-party-row',
        purpose: 'diagnostics',
        at,
      }),
    });
    const expected = checked.json<{ basis: string; since: string; until: string }>();
    expect(expected).toMatchObject({ basis: 'grant', since: t.granted, until: t.backdatedOffline });
    await expect(answer.locator('[data-field="basis"]').textContent()).resolves.toBe(
      expected.basis,
    );
    await expect(answer.locator('[data-field="since"]').textContent()).resolves.toBe(
      expected.since.replace('T', ' '),
    );
    await expect(
      page.locator('svg.timeline g.asked-instant').getAttribute('data-at'),
    ).resolves.toBe(at);
  });

  it('has no serious accessibility problem, at 1280 px and at 390 px wide', async () => {
    await screenshot(page, 'timeline');
    await screenshot(page, 'timeline-top', 960);
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
    await page.setViewportSize({ width: 390, height: 800 });
    // The timeline redraws to the narrower width it observes.
    await page.waitForFunction(
      'Number(document.querySelector("svg.timeline")?.getAttribute("width")) < 400',
    );
    await screenshot(page, 'timeline-narrow');
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
    await page.setViewportSize({ width: 1280, height: 800 });
  }, 120_000);
});

describe('the timeline "as known at" an earlier instant', () => {
  let late: Awaited<ReturnType<typeof seedLateHistory>>;

  beforeAll(async () => {
    late = await seedLateHistory(api);
    await openSubject(late.subjectId);
  });

  /** The windows the API gives for `knownAt`, in the form the timeline's bars carry them. */
  async function expectedAt(knownAt: string): Promise<DrawnWindow[]> {
    const body = await apiJson<WindowsBody>(
      `/v1/subjects/${late.subjectId}/flow-windows?knownAt=${encodeURIComponent(knownAt)}`,
    );
    return body.combinations.flatMap((c) =>
      c.windows.map((w) => ({
        lane: `${c.category}|${c.recipient}|${c.purpose}`,
        start: w.start,
        end: w.end ?? '',
        basis: [...new Set(w.bases.map((b) => b.basis))].join(' '),
      })),
    );
  }

  async function showAsKnownAt(knownAt: string): Promise<void> {
    await page.getByLabel('As known at (ISO 8601, UTC)').fill(knownAt);
    await page.getByRole('button', { name: 'Show as known then' }).click();
    await page.locator(`[data-known-at="${knownAt}"]`).waitFor();
  }

  const drawnWindows = (): Promise<DrawnWindow[]> =>
    dataOf(page.locator('svg.timeline g.window'), ['lane', 'start', 'end', 'basis']);
  const order = (a: { lane: string; start: string }, b: { lane: string; start: string }): number =>
    `${a.lane}/${a.start}`.localeCompare(`${b.lane}/${b.start}`);

  it('before the late events: the back-dated grant is only outlined, the revoked window still open', async () => {
    await showAsKnownAt(late.before);
    const expected = await expectedAt(late.before);
    expect((await drawnWindows()).sort(order)).toEqual(expected.sort(order));
    expect(expected.filter((w) => w.lane === late.mapLane)).toEqual([]);
    expect(expected.filter((w) => w.lane === late.deviceLane)).toEqual([
      { lane: late.deviceLane, start: late.granted, end: '', basis: 'grant' },
    ]);
    // Recorded later: the windows of today's answer that were not known then, outlined.
    const now = await expectedAt(new Date().toISOString());
    const known = new Set(expected.map((w) => `${w.lane}/${w.start}/${w.end}`));
    const later = await dataOf(page.locator('svg.timeline g.later-window'), [
      'lane',
      'start',
      'end',
      'change',
    ]);
    expect(later.sort(order)).toEqual(
      now
        .filter((w) => !known.has(`${w.lane}/${w.start}/${w.end}`))
        .map(({ lane, start, end }) => ({ lane, start, end, change: 'added-later' }))
        .sort(order),
    );
    expect(later.map((w) => [w.lane, w.start])).toEqual(
      expect.arrayContaining([
        [late.mapLane, late.mapGranted],
        [late.deviceLane, late.granted],
      ]),
    );
    await expect(
      page
        .locator(`svg.timeline g.window[data-lane="${late.deviceLane}"]`)
        .getAttribute('data-change'),
    ).resolves.toBe('changed-later');
    await expect(page.locator('[data-count="added-later"]').textContent()).resolves.toBe(
      String(later.length),
    );
  });

  it('after the late events: the window shows as the API gives it, and nothing is marked', async () => {
    await showAsKnownAt(late.after);
    const expected = await expectedAt(late.after);
    expect((await drawnWindows()).sort(order)).toEqual(expected.sort(order));
    expect(expected.filter((w) => w.lane === late.mapLane).map((w) => [w.start, w.basis])).toEqual([
      [late.mapGranted, 'grant'],
    ]);
    expect(expected.filter((w) => w.lane === late.deviceLane)).toEqual([
      { lane: late.deviceLane, start: late.granted, end: late.revoked, basis: 'grant' },
    ]);
    await expect(page.locator('svg.timeline g.later-window').count()).resolves.toBe(0);
    expect(await page.locator('svg.timeline g.window[data-change="changed-later"]').count()).toBe(
      0,
    );
  });

  it('says what is wrong with an instant without a time zone', async () => {
    await page.getByLabel('As known at (ISO 8601, UTC)').fill('2026-01-31 12:00');
    await page.getByRole('button', { name: 'Show as known then' }).click();
    await expect(page.locator('.known-at .problem').textContent()).resolves.toMatch(/ISO 8601/);
    // Back to today's windows.
    const now = await apiJson<WindowsBody>(`/v1/subjects/${late.subjectId}/flow-windows`);
    expect(await page.locator('svg.timeline g.window').count()).toBe(
      now.combinations.reduce((n, c) => n + c.windows.length, 0),
    );
  });
});

describe('verifying the evidence in the browser', () => {
  let verifierKey: string;
  let bundle: string;

  beforeAll(async () => {
    verifierKey = await signedLog(api);
    const response = await api.get(`/v1/audit/exports?subjectId=${subjectId}`, {
      authorization: `Bearer ${auditorKey}`,
    });
    expect(response.statusCode).toBe(200);
    bundle = response.body;
    // Signed in already when the suites before ran; not when this one runs alone.
    await page.goto(`${origin}/console/`);
    if ((await page.getByLabel('API key or bearer token').count()) > 0) await signIn(auditorKey);
    await openSubject();
  });

  afterEach(() => page.unroute('**/v1/audit/exports?*'));

  /** Pastes `key`, downloads and verifies; what the page concluded, as the CLI prints it. */
  async function verifyInPage(key: string): Promise<{ verdict: string; failures: string[] }> {
    await page.getByLabel('Verifier key of the log (origin+key id+key)').fill(key);
    await page.getByRole('button', { name: 'Download and verify the bundle' }).click();
    const verdict = page.locator('section.verify [data-verdict]');
    await page.locator('section.verify [data-verdict], section.verify .problem').first().waitFor();
    // A failed download or a verifier that threw shows as a problem, without a verdict.
    expect(await page.locator('section.verify .verify-result').textContent()).not.toMatch(
      /went wrong|^\s*\d{3} /,
    );
    return {
      verdict: (await verdict.getAttribute('data-verdict')) ?? '',
      failures: await page.locator('section.verify li.failure').allTextContents(),
    };
  }

  it('verifies a fresh bundle, as consent-ledger verify does', async () => {
    const result = await verifyInPage(verifierKey);
    expect(result).toEqual({ verdict: 'verified', failures: [] });
    expect(await cliVerdict(bundle, verifierKey)).toEqual(result);
    await expect(
      page.locator('section.verify [data-verdict]').getAttribute('data-events'),
    ).resolves.toBe(String(bundle.trim().split('\n').length - 2));
  });

  it('fails a bundle with one byte of one event changed, naming that event', async () => {
    const tampered = tamperedEvent(bundle, subjectId);
    await page.route('**/v1/audit/exports?*', (route) =>
      route.fulfill({ status: 200, contentType: 'application/x-ndjson', body: tampered.text }),
    );
    const result = await verifyInPage(verifierKey);
    expect(result.verdict).toBe('failed');
    expect(result.failures.length).toBeGreaterThan(0);
    expect(result.failures.some((line) => line.startsWith(`event ${tampered.eventId} `))).toBe(
      true,
    );
    expect(await cliVerdict(tampered.text, verifierKey)).toEqual(result);
  });

  it("fails with the checkpoint named when the key is not the log's, and says when it is no key", async () => {
    const otherKey = signedLog.otherKey();
    const wrong = await verifyInPage(otherKey);
    expect(wrong.verdict).toBe('failed');
    expect(wrong.failures[0]).toMatch(
      /^checkpoint: the signed checkpoint does not verify with the key/,
    );
    expect(await cliVerdict(bundle, otherKey)).toEqual(wrong);
    const unusable = await verifyInPage('consent-ledger.local/default+1234abcd');
    expect(unusable.verdict).toBe('unusable');
    await expect(page.locator('section.verify [data-verdict]').textContent()).resolves.toMatch(
      /not verifier key text/,
    );
  });
});

describe("a privacy officer's lookup", () => {
  const appSubjectId = `console-${randomUUID()}`;
  let found: string;
  let officerKey: string;

  beforeAll(async () => {
    const response = await api.send('POST', '/v1/subjects', {
      appSubjectId,
      residency: 'row',
      occurredAt: t.registered,
    });
    expect(response.statusCode).toBe(201);
    found = response.json<{ subjectId: string }>().subjectId;
    const adminKey = api.credentials.authorization.replace(/^Bearer /, '');
    officerKey = (
      await createApiKey(api.app, adminKey, ['privacy-officer'], { name: 'console-officer' })
    ).apiKey;
    keys.push(officerKey);
    await signOut();
    await signIn(officerKey);
  });

  it("finds the pseudonym by the app's id, sent in a body, and says the timeline needs an auditor", async () => {
    await page.getByRole('link', { name: 'Subject timeline' }).click();
    await page.getByText("Find by the app's subject id (privacy officers)").click();
    await page.getByLabel('App subject id').fill(appSubjectId);
    await page.getByRole('button', { name: 'Look up' }).click();
    await page.waitForURL(`**/console/#/subjects/${found}`);
    const problem = page.locator('main .problem').first();
    await expect(problem.getAttribute('data-status')).resolves.toBe('403');
    await expect(problem.textContent()).resolves.toMatch(/role auditor/);
    expect(requests.filter((url) => url.includes(appSubjectId))).toEqual([]);
  });
});

describe('what leaves the browser', () => {
  it('sends every request to the service, never the key in a URL, and keeps nothing after sign-out', async () => {
    await signOut();
    expect(requests.length).toBeGreaterThan(10);
    expect(requests.filter((url) => !url.startsWith(`${origin}/`))).toEqual([]);
    expect(requests.filter((url) => keys.some((key) => url.includes(key)))).toEqual([]);
    // Nothing the page did was blocked by its Content-Security-Policy, and nothing threw.
    expect(consoleMessages.filter((text) => /Content Security Policy/i.test(text))).toEqual([]);
    expect(pageErrors).toEqual([]);
    // The service logged the console's requests, and no credential with them.
    expect(api.logs.raw.filter((line) => line.includes('/console/')).length).toBeGreaterThan(0);
    expect(api.logs.raw.filter((line) => keys.some((key) => line.includes(key)))).toEqual([]);
    expect(await page.evaluate(() => [sessionStorage.length, localStorage.length])).toEqual([0, 0]);
  });
});
