import { html, render, type TemplateResult } from 'lit';
import { ApiClient } from './api-client';
import { hrefOf, routeOf, type Route } from './routes';
import { forgetCredential, storeCredential, storedCredential } from './session';
import { OverviewView } from './views/overview-view';
import { signInTemplate } from './views/sign-in-view';
import { SubjectView } from './views/subject-view';

/**
 * The console's shell: sign-in, the two views and the navigation between them. Views keep
 * their own state and ask the shell to draw again when it changes.
 */
export class ConsoleApp {
  private client: ApiClient | undefined;
  private overview: OverviewView | undefined;
  private subject: SubjectView | undefined;
  private route: Route = { view: 'overview' };

  constructor(private readonly root: HTMLElement) {}

  start(): void {
    // The page's "Loading…" placeholder is not Lit's to replace.
    this.root.replaceChildren();
    const credential = storedCredential();
    if (credential) this.signIn(credential, false);
    window.addEventListener('hashchange', () => this.follow());
    window.addEventListener('resize', () => this.draw());
    this.follow();
  }

  private readonly draw = (): void => {
    render(this.template(), this.root);
  };

  private follow(): void {
    this.route = routeOf(location.hash);
    if (this.client) {
      if (this.route.view === 'overview') this.overview?.load();
      else this.subject?.open(this.route.subjectId);
    }
    this.draw();
    document.title = `consent-ledger · ${this.client ? this.route.view : 'sign in'}`;
  }

  private signIn(credential: string, store: boolean): void {
    if (store) storeCredential(credential);
    this.client = new ApiClient(credential);
    this.overview = new OverviewView(this.client, this.draw);
    this.subject = new SubjectView(this.client, this.draw, (subjectId) => {
      location.hash = hrefOf({ view: 'subject', subjectId });
    });
  }

  private readonly onSignIn = (credential: string): void => {
    this.signIn(credential, true);
    if (location.hash === '' || location.hash === '#/overview') this.follow();
    else location.hash = hrefOf({ view: 'overview' });
  };

  private readonly onSignOut = (): void => {
    forgetCredential();
    this.client = undefined;
    this.overview = undefined;
    this.subject = undefined;
    history.replaceState(null, '', location.pathname);
    this.follow();
  };

  private template(): TemplateResult {
    if (!this.client || !this.overview || !this.subject) {
      return html`<header class="bar"><h1>consent-ledger · auditor console</h1></header>
        <main id="main">${signInTemplate(this.onSignIn)}</main>`;
    }
    const current = this.route.view;
    return html`<header class="bar">
        <h1>consent-ledger · auditor console</h1>
        <nav aria-label="Views">
          <a
            href=${hrefOf({ view: 'overview' })}
            aria-current=${current === 'overview' ? 'page' : 'false'}
            >Tenant overview</a
          >
          <a
            href=${hrefOf({ view: 'subject' })}
            aria-current=${current === 'subject' ? 'page' : 'false'}
            >Subject timeline</a
          >
        </nav>
        <button type="button" class="sign-out" @click=${this.onSignOut}>Sign out</button>
      </header>
      <main id="main">
        ${current === 'overview' ? this.overview.template() : this.subject.template()}
      </main>`;
  }
}
