import { html, type TemplateResult } from 'lit';
import { ApiProblem } from '../api-problem';

/** A failed call, said plainly; a 401/403 names the roles the view needs. */
export function problemTemplate(error: unknown): TemplateResult {
  if (!(error instanceof ApiProblem)) {
    return html`<p class="problem" role="alert">Something went wrong: ${String(error)}</p>`;
  }
  const roles =
    error.isAccessProblem && error.neededRoles.length > 0
      ? html`<br /><span class="needed-roles"
            >This needs a credential with the role ${error.neededRoles.join(' or ')}.</span
          >`
      : '';
  return html`<p class="problem" role="alert" data-status=${error.status}>
    <strong>${error.status === 0 ? '' : `${error.status} `}${error.title}</strong> —
    ${error.detail}${roles}
  </p>`;
}

/** Where a piece of a view stands: loading, failed, or loaded with its value. */
export type Loadable<T> =
  | { readonly state: 'loading' }
  | { readonly state: 'failed'; readonly error: unknown }
  | { readonly state: 'loaded'; readonly value: T };

/** Runs `load` and reports its progress through `update`. */
export async function loadInto<T>(
  load: () => Promise<T>,
  update: (loadable: Loadable<T>) => void,
): Promise<void> {
  update({ state: 'loading' });
  try {
    update({ state: 'loaded', value: await load() });
  } catch (error) {
    update({ state: 'failed', error });
  }
}

export function loadableTemplate<T>(
  loadable: Loadable<T> | undefined,
  loaded: (value: T) => TemplateResult,
): TemplateResult {
  if (loadable === undefined || loadable.state === 'loading')
    return html`<p class="loading">Loading…</p>`;
  if (loadable.state === 'failed') return problemTemplate(loadable.error);
  return loaded(loadable.value);
}
