import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { useConsentApi } from './consent/harness';

/**
 * `/openapi.json` passes `redocly lint` with the recommended rules: no error, no warning
 * (ADR 0038). The CLI runs offline (telemetry and update checks off) in a temporary
 * directory, so no `redocly.yaml` of the checkout changes the rules.
 */

const REDOCLY = join(__dirname, '..', '..', 'node_modules', '@redocly', 'cli', 'bin', 'cli.js');
const LINT_TIMEOUT_MS = 60_000;

interface LintProblem {
  readonly ruleId: string;
  readonly severity: string;
  readonly message: string;
  readonly location: { readonly pointer?: string }[];
}

interface Media {
  readonly example?: unknown;
  readonly examples?: unknown;
}

interface LintReport {
  readonly totals: { readonly errors: number; readonly warnings: number };
  readonly problems: LintProblem[];
}

function lint(documentPath: string, cwd: string): Promise<LintReport> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [REDOCLY, 'lint', documentPath, '--extends=recommended', '--format=json'],
      {
        cwd,
        timeout: LINT_TIMEOUT_MS,
        maxBuffer: 16 * 1024 * 1024,
        env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
      },
      // redocly exits 1 when it finds errors; the JSON report on stdout says which.
      (error, stdout, stderr) => {
        try {
          resolve(JSON.parse(stdout) as LintReport);
        } catch {
          reject(
            new Error(`redocly lint gave no report (${error?.message ?? 'exit 0'}): ${stderr}`),
          );
        }
      },
    );
  });
}

const api = useConsentApi();

describe('the OpenAPI document under redocly lint (recommended rules)', () => {
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'consent-ledger-openapi-lint-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('has no error and no warning', async () => {
    const response = await api.get('/openapi.json');
    expect(response.statusCode).toBe(200);
    const documentPath = join(dir, 'openapi.json');
    writeFileSync(documentPath, response.body);

    const report = await lint(documentPath, dir);

    // The problems themselves, so a failure says what to fix.
    const problems = report.problems.map(
      (p) => `${p.severity} ${p.ruleId} at ${p.location[0]?.pointer ?? '?'}: ${p.message}`,
    );
    expect(problems).toEqual([]);
    expect(report.totals).toMatchObject({ errors: 0, warnings: 0 });
  });

  it('gives every request body an example (the lint checks examples only where they are)', async () => {
    const document = (await api.get('/openapi.json')).json<{
      paths: Record<string, Record<string, { requestBody?: { content: Record<string, Media> } }>>;
    }>();
    const withoutExample = Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.entries(operations).flatMap(([method, operation]) =>
        Object.entries(operation.requestBody?.content ?? {})
          .filter(([, media]) => media.example === undefined && media.examples === undefined)
          .map(([type]) => `${method.toUpperCase()} ${path} ${type}`),
      ),
    );
    expect(withoutExample).toEqual([]);
  });
});
