import { ApiProblem, problemOf } from './api-problem';

/**
 * Calls the service's API on the page's own origin with the signed-in credential. Requests
 * carry no cookie and no Referer; the credential travels in the Authorization header only.
 */
export class ApiClient {
  constructor(private readonly credential: string) {}

  /** `neededRoles`: what the endpoint asks for, shown with a 401/403. */
  async json<T>(path: string, neededRoles: readonly string[]): Promise<T> {
    const response = await this.send(path, neededRoles, {
      headers: this.headers('application/json'),
    });
    return (await response.json()) as T;
  }

  async text(path: string, neededRoles: readonly string[], accept = 'text/plain'): Promise<string> {
    const response = await this.send(path, neededRoles, { headers: this.headers(accept) });
    return response.text();
  }

  /** A read-only POST (`/v1/checks`): JSON in, JSON out. */
  async post<T>(path: string, body: unknown, neededRoles: readonly string[]): Promise<T> {
    const response = await this.send(path, neededRoles, {
      method: 'POST',
      headers: { ...this.headers('application/json'), 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return (await response.json()) as T;
  }

  private headers(accept: string): Record<string, string> {
    return { authorization: `Bearer ${this.credential}`, accept };
  }

  private async send(
    path: string,
    neededRoles: readonly string[],
    init: RequestInit,
  ): Promise<Response> {
    if (!path.startsWith('/v1/')) throw new Error(`not an API path: ${path}`);
    let response: Response;
    try {
      response = await fetch(path, {
        ...init,
        credentials: 'omit',
        cache: 'no-store',
        referrerPolicy: 'no-referrer',
      });
    } catch (error) {
      throw new ApiProblem(0, 'The service did not answer', String(error), neededRoles);
    }
    if (!response.ok) throw await problemOf(response, neededRoles);
    return response;
  }
}

/** Every page of a cursor-paginated list, up to `maxPages`. */
export async function allPages<P extends { nextCursor?: string | null }>(
  fetchPage: (cursor: string | undefined) => Promise<P>,
  maxPages = 20,
): Promise<P[]> {
  const pages: P[] = [];
  let cursor: string | undefined;
  do {
    const page = await fetchPage(cursor);
    pages.push(page);
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined && pages.length < maxPages);
  return pages;
}
