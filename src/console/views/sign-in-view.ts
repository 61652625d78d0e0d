import { html, type TemplateResult } from 'lit';

/**
 * The sign-in form: an API key (roles auditor, privacy-officer or tenant-admin) or an
 * OIDC bearer token, pasted once and kept in this tab's sessionStorage only.
 */
export function signInTemplate(onSignIn: (credential: string) => void): TemplateResult {
  const submit = (event: SubmitEvent): void => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const field = form.elements.namedItem('credential') as HTMLInputElement;
    const credential = field.value.trim();
    field.value = '';
    if (credential !== '') onSignIn(credential);
  };
  return html`<section class="sign-in" aria-labelledby="sign-in-title">
    <h2 id="sign-in-title">Sign in</h2>
    <p>
      Paste an API key with the role <strong>auditor</strong> (or privacy-officer, tenant-admin), or
      a bearer token. It stays in this browser tab only and is removed when you sign out or close
      the tab.
    </p>
    <form @submit=${submit} autocomplete="off">
      <label for="credential">API key or bearer token</label>
      <input
        id="credential"
        name="credential"
        type="password"
        required
        spellcheck="false"
        autocomplete="off"
      />
      <button type="submit">Sign in</button>
    </form>
  </section>`;
}
