import { launchApp } from '/work/main/test/e2e/harness/app';
const app = await launchApp({ viewport: { width: 1440, height: 900 } });
const page = app.page;
page.on('pageerror', (e) => console.log('pageerror', e.message));
page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') console.log('console', m.type(), m.text().slice(0, 300)); });
const steps = process.argv.slice(2);
for (const s of steps) {
  const [cmd, ...rest] = s.split('=');
  const arg = rest.join('=');
  if (cmd === 'go') { await page.goto(`${app.baseUrl}/index.html#${arg}`); await page.waitForTimeout(1500); }
  else if (cmd === 'shot') { await page.screenshot({ path: `/tmp/shots/${arg}.png`, fullPage: true }); console.log('shot', arg); }
  else if (cmd === 'wait') await page.waitForTimeout(Number(arg));
  else if (cmd === 'click') await page.locator(arg).first().click();
  else if (cmd === 'fill') { const [sel, val] = arg.split('::'); await page.locator(sel!).first().fill(val!); }
  else if (cmd === 'eval') console.log(await page.evaluate(arg));
  else if (cmd === 'text') console.log((await page.locator(arg).first().innerText()).slice(0, 2000));
}
await app.dispose();
