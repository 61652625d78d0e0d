import { Controller, Get, Headers, HttpCode, Module, Post } from '@nestjs/common';
import { Public } from '../../../src/auth/public.decorator';

/**
 * Holds requests inside their handler until the test opens it, so a test decides exactly how
 * many requests are running at once without relying on timing.
 */
export class Gate {
  /** Labels (`x-test-label`) of the requests that entered a handler, in order. */
  readonly entered: string[] = [];
  private opened = false;
  private release: () => void = () => undefined;
  private readonly openPromise = new Promise<void>((resolve) => (this.release = resolve));
  private readonly watchers: { count: number; resolve: () => void }[] = [];

  async pass(label: string): Promise<void> {
    this.entered.push(label);
    for (const watcher of this.watchers.filter((w) => this.entered.length >= w.count)) {
      watcher.resolve();
    }
    if (!this.opened) await this.openPromise;
  }

  /** Resolves once `count` requests in total have entered a handler. */
  whenEntered(count: number): Promise<void> {
    if (this.entered.length >= count) return Promise.resolve();
    return new Promise((resolve) => this.watchers.push({ count, resolve }));
  }

  open(): void {
    this.opened = true;
    this.release();
  }
}

/** The gate the test routes wait at; a spec replaces it before each scenario. */
export const gates = { current: new Gate() };

/**
 * Test-only routes in each sheddable class: `POST /test/slow` is a command, `GET /test/slow`
 * a read; `POST /test/failing` passes the gate, then fails with a 500.
 */
@Controller('test')
@Public()
class GatedController {
  @Post('slow')
  @HttpCode(201)
  async slowCommand(@Headers('x-test-label') label = ''): Promise<{ label: string }> {
    await gates.current.pass(label);
    return { label };
  }

  @Get('slow')
  async slowRead(@Headers('x-test-label') label = ''): Promise<{ label: string }> {
    await gates.current.pass(label);
    return { label };
  }

  @Post('failing')
  async failing(@Headers('x-test-label') label = ''): Promise<never> {
    await gates.current.pass(label);
    throw new Error('a handler failed after it was admitted');
  }
}

@Module({ controllers: [GatedController] })
export class GatedRoutesModule {}
