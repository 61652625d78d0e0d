/** Where the auditor is, kept in the URL fragment: a view and a subject pseudonym, never a credential. */
export type Route =
  { readonly view: 'overview' } | { readonly view: 'subject'; readonly subjectId?: string };

const SUBJECT = /^#\/subjects(?:\/([0-9a-fA-F-]{36}))?$/;

export function routeOf(hash: string): Route {
  const subject = SUBJECT.exec(hash);
  if (subject)
    return subject[1]
      ? { view: 'subject', subjectId: subject[1].toLowerCase() }
      : { view: 'subject' };
  return { view: 'overview' };
}

export function hrefOf(route: Route): string {
  if (route.view === 'overview') return '#/overview';
  return route.subjectId ? `#/subjects/${route.subjectId}` : '#/subjects';
}
