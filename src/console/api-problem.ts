/** An RFC 9457 problem the API answered with, or a failure to reach it at all. */
export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string,
    /** The roles the view needs, when the API refused the credential (401/403). */
    readonly neededRoles: readonly string[] = [],
  ) {
    super(`${status} ${title}: ${detail}`);
  }

  get isAccessProblem(): boolean {
    return this.status === 401 || this.status === 403;
  }
}

interface ProblemBody {
  readonly title?: unknown;
  readonly detail?: unknown;
}

/** Reads a failed response's problem+json (or whatever text it carried). */
export async function problemOf(
  response: Response,
  neededRoles: readonly string[],
): Promise<ApiProblem> {
  const text = await response.text();
  let body: ProblemBody;
  try {
    body = JSON.parse(text) as ProblemBody;
  } catch {
    body = { detail: text.slice(0, 300) };
  }
  return new ApiProblem(
    response.status,
    typeof body.title === 'string' ? body.title : response.statusText,
    typeof body.detail === 'string' ? body.detail : '',
    neededRoles,
  );
}
