/** The request as far as scrubbing needs it: its URL as received. */
interface RequestWithUrl {
  readonly url?: string;
  readonly raw?: { readonly url?: string };
}

/** An error as a log line may carry it under `err`. */
interface LoggableError {
  readonly name: string;
  readonly message: string;
  readonly stack?: string;
  readonly code?: string;
}

const URL_PLACEHOLDER = '[url]';
/** A path with a query string, however it got into a message. */
const PATH_WITH_QUERY = /\/[^\s'"`]*\?[^\s'"`]*/g;

/**
 * An unexpected error for the log: type, code, message and stack, with the request's URL
 * (raw and decoded, path and query) and anything else that looks like a path with a query
 * replaced by `[url]`. Libraries like to quote the URL they failed on; the log must hold no
 * URL or query string (docs/adr/0021). Other enumerable members are left out: they may hold
 * the request's bytes (`rawPacket`) or bound values.
 */
export function loggableError(error: unknown, request?: RequestWithUrl): LoggableError {
  if (!isErrorLike(error)) {
    return withoutPrototype({ name: typeof error, message: '[thrown value is not an Error]' });
  }
  const scrub = scrubberFor(request);
  const { code, stack } = error;
  return withoutPrototype({
    name: typeof error.name === 'string' ? error.name : 'Error',
    message: scrub(error.message),
    ...(typeof stack === 'string' ? { stack: scrub(stack) } : {}),
    ...(typeof code === 'string' ? { code } : {}),
  });
}

/** pino's `err` serializer names an object without a constructor by its `name`. */
function withoutPrototype(error: LoggableError): LoggableError {
  return Object.assign(Object.create(null) as LoggableError, error);
}

interface ErrorLike {
  readonly name?: unknown;
  readonly message: string;
  readonly stack?: unknown;
  readonly code?: unknown;
}

/** Duck-typed: errors from another realm (node:vm, Jest) are not `instanceof Error` here. */
function isErrorLike(value: unknown): value is ErrorLike {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { message?: unknown }).message === 'string'
  );
}

function scrubberFor(request: RequestWithUrl | undefined): (text: string) => string {
  const forms = urlForms(request?.raw?.url ?? request?.url);
  return (text) => {
    let scrubbed = text;
    for (const form of forms) scrubbed = scrubbed.split(form).join(URL_PLACEHOLDER);
    return scrubbed.replace(PATH_WITH_QUERY, URL_PLACEHOLDER);
  };
}

/** The URL as received and decoded, whole and as path and query, longest first. */
function urlForms(url: string | undefined): string[] {
  if (url === undefined || url === '' || url === '/') return [];
  const forms = new Set<string>();
  for (const form of [url, safelyDecoded(url)]) {
    if (form === undefined) continue;
    forms.add(form);
    const query = form.indexOf('?');
    if (query >= 0) {
      forms.add(form.slice(0, query));
      forms.add(form.slice(query + 1));
    }
  }
  // A bare "/" or an empty query would scrub every slash of a stack trace.
  return [...forms].filter((form) => form.length > 1).sort((a, b) => b.length - a.length);
}

function safelyDecoded(url: string): string | undefined {
  try {
    return decodeURIComponent(url);
  } catch {
    return undefined;
  }
}
