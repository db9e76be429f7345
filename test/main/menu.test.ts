import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { menuTemplate, type MenuCommand } from '../../src/main/menu';

const labels = (items: MenuItemConstructorOptions[]): string[] =>
  items.flatMap((i) => [i.label ?? '', ...labels((i.submenu as MenuItemConstructorOptions[] | undefined) ?? [])]).filter(Boolean);

describe('the application menu', () => {
  it('speaks Chinese or English, item for item', () => {
    const zh = labels(menuTemplate('zh-CN', () => undefined, false));
    const en = labels(menuTemplate('en', () => undefined, false));
    expect(zh).toContain('搜索客户');
    expect(en).toContain('Find customer');
    expect(zh.length).toBe(en.length);
    expect(zh.filter((l) => /[\u4e00-\u9fff]/.test(l))).toHaveLength(zh.length);
  });

  it('sends the search command to the UI from its menu item', () => {
    const commands: MenuCommand[] = [];
    const file = menuTemplate('zh-CN', (c) => commands.push(c), false)[0]!;
    const search = (file.submenu as MenuItemConstructorOptions[]).find((i) => i.accelerator === 'CmdOrCtrl+K')!;
    search.click!(undefined as never, undefined, undefined as never);
    expect(commands).toEqual([{ command: 'search' }]);
  });

  it('opens the demo data screen from the File menu', () => {
    const commands: MenuCommand[] = [];
    const file = menuTemplate('zh-CN', (c) => commands.push(c), false)[0]!;
    const demo = (file.submenu as MenuItemConstructorOptions[]).find((i) => i.label === '生成演示数据…')!;
    demo.click!(undefined as never, undefined, undefined as never);
    expect(commands).toEqual([{ command: 'navigate', arg: '/demo' }]);
  });
});
