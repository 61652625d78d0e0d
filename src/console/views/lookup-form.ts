import { html, type TemplateResult } from 'lit';
import type { ApiClient } from '../api-client';
import { fieldText } from '../format';
import { problemTemplate } from './problem-template';

/**
 * For privacy officers: the pseudonym of a subject by the app's own id, through
 * `POST /v1/subjects/lookup`. The app's id is personal data, so it travels in the request
 * body only, never in the URL, and the field is emptied once the answer is in.
 */
export class LookupForm {
  private problem: unknown;

  constructor(
    private readonly api: ApiClient,
    private readonly changed: () => void,
    private readonly go: (subjectId: string) => void,
  ) {}

  template(): TemplateResult {
    const submit = (event: SubmitEvent): void => {
      event.preventDefault();
      const formElement = event.currentTarget as HTMLFormElement;
      const appSubjectId = fieldText(new FormData(formElement), 'appSubjectId');
      if (appSubjectId === '') return;
      void this.api
        .post<{ subjectId: string }>('/v1/subjects/lookup', { appSubjectId }, ['privacy-officer'])
        .then(
          ({ subjectId }) => {
            this.problem = undefined;
            formElement.reset();
            this.go(subjectId);
          },
          (problem: unknown) => {
            this.problem = problem;
          },
        )
        .finally(this.changed);
    };
    return html`<details class="lookup">
      <summary>Find by the app's subject id (privacy officers)</summary>
      <form class="find" @submit=${submit} autocomplete="off">
        <label for="app-subject-id">App subject id</label>
        <input id="app-subject-id" name="appSubjectId" type="text" spellcheck="false" />
        <button type="submit">Look up</button>
      </form>
      ${this.problem === undefined ? '' : problemTemplate(this.problem)}
    </details>`;
  }
}
