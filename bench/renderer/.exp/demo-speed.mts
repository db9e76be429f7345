import { launchApp } from '/work/main/test/e2e/harness/app';
const app = await launchApp({ viewport: { width: 1440, height: 900 } });
const page = app.page;
await page.goto(`${app.baseUrl}/index.html#/customers`);
await page.locator('input[data-testid=demo-count]').fill(process.argv[2] ?? '2000');
const t0 = Date.now();
await page.locator('[data-testid=demo-generate]').click();
for (let i = 0; i < 120; i++) {
  await page.waitForTimeout(1000);
  const txt = await page.locator('[data-testid=customer-count]').innerText().catch(() => '');
  const prog = await page.locator('[data-testid=demo-panel]').innerText().catch(() => '');
  console.log(((Date.now() - t0) / 1000).toFixed(0), txt, prog.split('\n').slice(-1)[0]);
  if (!(await page.locator('[data-testid=demo-progress]').count())) break;
}
await app.dispose();
