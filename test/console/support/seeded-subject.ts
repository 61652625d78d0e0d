import {
  DAY,
  DEVICE_INFO,
  FLIGHT_LOGS,
  MAP_LOCATION,
  daysFromNow,
  type ReadSideApp,
} from '../../read-side/read-side-app';

/** Valid times of the seeded subject's history. */
export interface SeededTimes {
  readonly registered: string;
  readonly granted: string;
  readonly revoked: string;
  readonly policy2: string;
  readonly grantedAgain: string;
  readonly expires: string;
  readonly mapGranted: string;
  readonly mapSynced: string;
  readonly backdatedOffline: string;
  readonly backdatedOnline: string;
  readonly refused: string;
  readonly offline: string;
  readonly online: string;
  readonly synced: string;
}

/**
 * A subject with grants, a revocation, a policy change requiring re-consent, Local Data
 * Mode on and off, a recorded sync, a one-off sync, a refused sync, and a Local Data Mode
 * period recorded late over a sync already made (so that sync is a violation).
 */
export async function seedSubject(
  api: ReadSideApp,
): Promise<{ subjectId: string; token: string; t: SeededTimes }> {
  const t: SeededTimes = {
    registered: daysFromNow(-20),
    granted: daysFromNow(-10),
    mapGranted: daysFromNow(-9),
    mapSynced: daysFromNow(-8),
    backdatedOffline: daysFromNow(-8.5),
    backdatedOnline: daysFromNow(-7.5),
    revoked: daysFromNow(-5),
    refused: daysFromNow(-4.5),
    policy2: daysFromNow(-4),
    grantedAgain: daysFromNow(-2),
    expires: daysFromNow(3),
    offline: daysFromNow(-1),
    online: daysFromNow(-0.5),
    synced: daysFromNow(-0.25),
  };
  await api.publishPolicy(1, daysFromNow(-30));
  const { subjectId } = await api.registerSubject(t.registered);
  const subject = `/v1/subjects/${subjectId}`;
  await api.command('POST', `${subject}/grants`, { ...DEVICE_INFO, occurredAt: t.granted });
  await api.command('POST', `${subject}/grants`, { ...MAP_LOCATION, occurredAt: t.mapGranted });
  await api.command('POST', `${subject}/syncs`, {
    ...MAP_LOCATION,
    syncId: 'map-1',
    precision: 'approximate',
    userInitiated: false,
    occurredAt: t.mapSynced,
  });
  await api.command('POST', `${subject}/revocations`, { ...DEVICE_INFO, occurredAt: t.revoked });
  await api.command('POST', `${subject}/syncs`, {
    ...DEVICE_INFO,
    syncId: 'diag-refused',
    precision: 'precise',
    userInitiated: false,
    occurredAt: t.refused,
  });
  await api.publishPolicy(2, t.policy2, { reconsentRequired: [MAP_LOCATION.category] });
  await api.command('POST', `${subject}/grants`, {
    ...DEVICE_INFO,
    occurredAt: t.grantedAgain,
    expiresAt: t.expires,
  });
  await api.command('PUT', `${subject}/local-data-mode`, { on: true, occurredAt: t.offline });
  await api.command('PUT', `${subject}/local-data-mode`, { on: false, occurredAt: t.online });
  await api.command('POST', `${subject}/syncs`, {
    ...FLIGHT_LOGS,
    syncId: 'backup-1',
    precision: 'precise',
    userInitiated: true,
    occurredAt: t.synced,
  });
  // Recorded late: the subject was offline when map-1 flowed.
  await api.command('PUT', `${subject}/local-data-mode`, {
    on: true,
    occurredAt: t.backdatedOffline,
  });
  const token = await api.command('PUT', `${subject}/local-data-mode`, {
    on: false,
    occurredAt: t.backdatedOnline,
  });
  return { subjectId, token, t };
}

export { DAY };

/** Another subject with an open erasure request (the overview lists it with its deadline). */
export async function seedOpenErasure(
  api: ReadSideApp,
  registered: string,
): Promise<{ subjectId: string; erasureId: string; token: string }> {
  const { subjectId } = await api.registerSubject(registered);
  const response = await api.send('POST', `/v1/subjects/${subjectId}/erasure-requests`, {
    scope: 'account',
    occurredAt: daysFromNow(-1),
  });
  expect({ status: response.statusCode, body: response.body }).toMatchObject({ status: 201 });
  const receipt = response.json<{ erasureId: string; consistencyToken: string }>();
  return { subjectId, erasureId: receipt.erasureId, token: receipt.consistencyToken };
}
