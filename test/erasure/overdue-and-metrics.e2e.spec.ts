import { MAP_LOCATION } from '../e2e/consent/fixtures';
import { DAY, expectProblem } from '../e2e/consent/harness';
import { type ErasureReceipt, useErasureApi } from './support/erasure-api';

/**
 * Overdue requests and the deadline metrics, on the erasure module's travelling clock: the
 * requests are made now, then "now" moves past their deadlines.
 */
const api = useErasureApi();

function metricValue(text: string, name: string): string | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${name}{tenant="default"} `));
  return line?.split(' ')[1];
}

describe('overdue erasure requests', () => {
  const requests: ErasureReceipt[] = [];

  beforeAll(async () => {
    for (let i = 0; i < 3; i++) {
      const subject = await api.registerSubject();
      expect((await api.post(`${subject.path}/grants`, MAP_LOCATION)).statusCode).toBe(201);
      await api.sync(subject.path, { ...MAP_LOCATION, precision: 'approximate' }, 'recorded');
      requests.push(await api.requestErasure(subject.path, { scope: 'account' }));
    }
    // Waits for the workflow and the read model to have seen all three.
    await api.list('', requests[2]!.consistencyToken);
  });

  afterAll(() => api.clock.reset());

  it('lists nothing as overdue while the deadlines lie ahead', async () => {
    expect((await api.list('overdue=true')).erasures).toEqual([]);
    expect((await api.list('overdue=false')).erasures).toHaveLength(3);
  });

  it('exposes the open requests and their earliest deadline as metrics, with no personal label', async () => {
    const list = await api.list();
    const text = (await api.get('/metrics')).body;
    expect(metricValue(text, 'erasure_requests_open')).toBe('3');
    expect(metricValue(text, 'erasure_requests_overdue')).toBe('0');
    const earliest = Math.min(...list.erasures.map((e) => Date.parse(e.deadline)));
    expect(Number(metricValue(text, 'erasure_oldest_open_deadline_seconds'))).toBe(earliest / 1000);
    const erasureLines = text
      .split('\n')
      .filter((l) =>
        /^erasure_(requests_open|requests_overdue|oldest_open_deadline_seconds)\b/.test(l),
      );
    expect(erasureLines).toHaveLength(3);
    for (const { subjectId, erasureId } of requests) {
      expect(text).not.toContain(subjectId);
      expect(text).not.toContain(erasureId);
    }
  });

  it('lists the open requests past their deadline as overdue, earliest first', async () => {
    api.clock.travel(40 * DAY);
    const list = await api.list('overdue=true');
    expect(list.erasures.map((e) => e.erasureId).sort()).toEqual(
      requests.map((r) => r.erasureId).sort(),
    );
    expect(list.erasures.every((e) => e.overdue && e.state === 'open')).toBe(true);
    const deadlines = list.erasures.map((e) => e.deadline);
    expect(deadlines).toEqual([...deadlines].sort());
    expect(Date.parse(list.now)).toBeGreaterThan(Date.parse(deadlines[2]!));
  });

  it('pages through the list with the cursor', async () => {
    const first = await api.list('overdue=true&limit=2');
    expect(first.erasures).toHaveLength(2);
    expect(first.nextCursor).not.toBeNull();
    const second = await api.list(`overdue=true&limit=2&cursor=${first.nextCursor}`);
    expect(second.erasures).toHaveLength(1);
    expect(second.nextCursor).toBeNull();
    expect(new Set([...first.erasures, ...second.erasures].map((e) => e.erasureId)).size).toBe(3);
    expectProblem(await api.get('/v1/erasures?cursor=nonsense'), 400, 'validation-error');
    expectProblem(await api.get('/v1/erasures?limit=1001'), 400, 'validation-error');
    expectProblem(await api.get('/v1/erasures?overdue=yes'), 400, 'validation-error');
  });

  it('stops listing a request as overdue once completed (late), and counts it in the metrics', async () => {
    const [late] = requests;
    const path = `/v1/subjects/${late!.subjectId}/erasure-requests/${late!.erasureId}`;
    expect(
      (await api.post(`${path}/confirmations`, { recipient: 'map-provider-row' })).statusCode,
    ).toBe(201);
    const completion = await api.post(`${path}/completion`, {});
    expect(completion.json()).toMatchObject({ shredding: 'done' });
    const token = completion.json<ErasureReceipt>().consistencyToken;
    const overdue = await api.list('overdue=true', token);
    expect(overdue.erasures.map((e) => e.erasureId)).not.toContain(late!.erasureId);
    expect(overdue.erasures).toHaveLength(2);
    const completed = await api.list('state=completed');
    expect(completed.erasures.map((e) => e.erasureId)).toEqual([late!.erasureId]);
    expect(completed.erasures[0]).toMatchObject({ overdue: false, state: 'completed' });

    // The metrics snapshot is kept for a second within one scrape; wait it out.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const text = (await api.get('/metrics')).body;
    expect(metricValue(text, 'erasure_requests_open')).toBe('2');
    expect(metricValue(text, 'erasure_requests_overdue')).toBe('2');
  });
});
