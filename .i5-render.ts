import { mkdirSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { launchChromium } from './test/main/print/chromium';
import { printFixture } from './test/main/print/helpers';
import { catalogData, labelData } from './test/main/print/fixtures';
import type { PrintData } from './src/shared/ipc/print';

const out = '/tmp/i5exp/pdf';
mkdirSync(out, { recursive: true });
const browser = await launchChromium();
const fx = await printFixture({ browser });
const names = ['周明华', '杭州青禾家居有限公司', '浙江省杭州市西湖区青禾家居装饰工程有限公司', '中国建筑第八工程局有限公司浙江分公司杭州市西湖区文三路项目经理部',
  'Hangzhou Qinghe Home Furnishing Co., Ltd.', '宁波海岳五金商行（个体工商户）暨宁波市鄞州区海岳建材经营部第二门市部及仓储中心', '<img src=x onerror=alert(1)>温州瓯江'];
const labels = (variant: 'sheet' | 'spine'): PrintData => {
  const base = labelData(variant, names.length) as Extract<PrintData, { model: 'archive-label' }>;
  return { ...base, customers: base.customers.map((c, i) => ({ ...c, name: names[i]!, code: `KH261123-40G7W-0000${i}` })) };
};
const cat = catalogData(2024) as Extract<PrintData, { model: 'archive-catalog' }>;
const catalog: PrintData = { ...cat, customers: cat.customers.slice(0, 8).map((c, i) => ({ ...c, code: i % 2 ? `KH261123-40G7W-0000${i}` : c.code })) };
for (const [name, form, data, locale] of [
  ['spine', 'archive-label', labels('spine'), 'zh-CN'], ['sheet', 'archive-label', labels('sheet'), 'zh-CN'],
  ['catalog-zh', 'archive-catalog', catalog, 'zh-CN'], ['catalog-en', 'archive-catalog', catalog, 'en'],
] as const) {
  const p = await fx.engine.preview(form, data, locale);
  const file = `${out}/${name}.pdf`;
  await fx.engine.savePdf(p.previewId, file);
  execFileSync('pdftoppm', ['-r', '60', '-png', '-f', '1', '-l', '2', file, `${out}/${name}`]);
  console.log(name, p.pages);
}
await fx.cleanup();
await browser.close();
