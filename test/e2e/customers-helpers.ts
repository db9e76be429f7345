import { expect } from 'vitest';
import type { Page } from 'playwright-core';

/** Picks an option of an antd Select by its label. */
export async function pick(page: Page, testId: string, label: string): Promise<void> {
  await page.getByTestId(testId).click();
  await page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${label}"]`).click();
  await page.keyboard.press('Escape');
}

export interface NewCustomer {
  name: string;
  creditCode?: string;
  contacts: { name: string; mobile?: string; phone?: string; emergency?: boolean }[];
}

/** Fills the customer form (already open) and saves; returns when the archive shows. */
export async function fillCustomer(page: Page, c: NewCustomer): Promise<void> {
  await page.getByTestId('form-name').fill(c.name);
  if (c.creditCode !== undefined) await page.getByTestId('form-creditCode').fill(c.creditCode);
  for (let i = 0; i < c.contacts.length; i++) {
    if (i > 0) await page.getByTestId('contact-add').click();
    const contact = c.contacts[i]!;
    await page.getByTestId(`contact-${i}-name`).fill(contact.name);
    if (contact.mobile) await page.getByTestId(`contact-${i}-mobile`).fill(contact.mobile);
    if (contact.phone) await page.getByTestId(`contact-${i}-phone`).fill(contact.phone);
    if (contact.emergency) await page.getByTestId(`contact-${i}-emergency`).check();
  }
}

export async function searchFor(page: Page, query: string): Promise<string[]> {
  const box = page.getByTestId('global-search-input');
  await box.fill('');
  await box.fill(query);
  await page.getByTestId('search-results').waitFor();
  await expect.poll(() => page.getByTestId('search-hit').count(), { timeout: 10_000 }).toBeGreaterThan(0);
  return page.getByTestId('search-hit-name').allInnerTexts();
}
