/** Page object of the lab: role-based locators and the few multi-step moves the journeys share. */

import { expect, type Locator, type Page } from '@playwright/test';

export class LabPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.goto('/');
  }

  tab(name: 'Datasets' | 'Training' | 'Runs' | 'Metrics' | 'Experiments'): Locator {
    return this.page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name });
  }

  /** The phantom is generated on the first visit and its page opens when it is stored. */
  async waitForPhantom(): Promise<void> {
    await expect(this.page.getByRole('heading', { level: 1, name: /Cardiac phantom/ })).toBeVisible({ timeout: 120_000 });
  }

  field(label: string): Locator {
    return this.page.getByLabel(label, { exact: true });
  }

  async fillRunForm(values: Record<string, string>): Promise<void> {
    for (const [label, value] of Object.entries(values)) {
      const field = this.field(label);
      if ((await field.evaluate((el) => el.tagName)) === 'SELECT') await field.selectOption(value);
      else await field.fill(value);
    }
  }

  runStatus(): Locator {
    return this.page.getByRole('status', { name: 'Run status' });
  }

  lossChart(): Locator {
    return this.page.getByRole('figure', { name: 'Loss curves' });
  }

  sampleTiles(): Locator {
    return this.page.getByRole('list', { name: 'Sample grid' }).getByRole('listitem');
  }
}
