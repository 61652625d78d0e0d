import { setTimeout as sleep } from 'node:timers/promises';
import {
  DEVICE_INFO,
  MAP_LOCATION,
  daysFromNow,
  type ReadSideApp,
} from '../../read-side/read-side-app';

/** Lane keys as the timeline writes them. */
const laneOf = (c: { category: string; recipient: string; purpose: string }): string =>
  `${c.category}|${c.recipient}|${c.purpose}`;

/**
 * A subject whose history was partly recorded late: a grant, then (after the instant
 * `before`) a back-dated revocation of it and a back-dated grant of another combination;
 * `after` follows both. The ledger needs ALLOW_BACKDATED_IMPORTS for valid times this old.
 */
export async function seedLateHistory(api: ReadSideApp): Promise<{
  subjectId: string;
  before: string;
  after: string;
  granted: string;
  revoked: string;
  mapGranted: string;
  deviceLane: string;
  mapLane: string;
}> {
  const granted = daysFromNow(-10);
  const mapGranted = daysFromNow(-6);
  const revoked = daysFromNow(-3);
  const { subjectId } = await api.registerSubject(daysFromNow(-12));
  const subject = `/v1/subjects/${subjectId}`;
  await api.command('POST', `${subject}/grants`, { ...DEVICE_INFO, occurredAt: granted });
  // Transaction times are the service's clock in milliseconds: keep the instants apart.
  await sleep(5);
  const before = new Date().toISOString();
  await sleep(5);
  await api.command('POST', `${subject}/revocations`, { ...DEVICE_INFO, occurredAt: revoked });
  const token = await api.command('POST', `${subject}/grants`, {
    ...MAP_LOCATION,
    occurredAt: mapGranted,
  });
  await sleep(5);
  const after = new Date().toISOString();
  // The console's first view reads the projection: wait until it holds the late events.
  const caughtUp = await api.get(`${subject}/flow-windows?consistencyToken=${token}`);
  expect(caughtUp.statusCode).toBe(200);
  return {
    subjectId,
    before,
    after,
    granted,
    revoked,
    mapGranted,
    deviceLane: laneOf(DEVICE_INFO),
    mapLane: laneOf(MAP_LOCATION),
  };
}
