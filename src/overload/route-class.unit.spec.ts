import { routeClassOf } from './route-class';

describe('routeClassOf', () => {
  it.each([
    ['GET', '/health', 'probes'],
    ['GET', '/ready', 'probes'],
    ['GET', '/metrics', 'probes'],
    ['GET', '/v1/audit/exports', 'exports'],
    ['GET', '/v1/feed', 'streams'],
    ['GET', '/v1/feed/changes', 'reads'],
    ['POST', '/v1/checks', 'reads'],
    ['POST', '/v1/checks/batch', 'reads'],
    ['POST', '/v1/subjects/lookup', 'reads'],
    ['GET', '/v1/subjects/:subjectId/permissions', 'reads'],
    ['HEAD', '/v1/policies/current', 'reads'],
    ['GET', '/openapi.json', 'reads'],
    ['POST', '/v1/subjects', 'commands'],
    ['POST', '/v1/subjects/:subjectId/grants', 'commands'],
    ['PUT', '/v1/subjects/:subjectId/local-data-mode', 'commands'],
    ['DELETE', '/v1/api-keys/:keyId', 'commands'],
  ])('%s %s is in %s', (method, template, expected) => {
    expect(routeClassOf(method, template)).toBe(expected);
  });

  it('counts a request that matched no route as a read, whatever its method', () => {
    expect(routeClassOf('POST', undefined)).toBe('reads');
  });
});
