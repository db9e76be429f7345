import type { MenuItemConstructorOptions } from 'electron';
import type { Locale } from '../shared/ipc';

const LABELS = {
  'zh-CN': {
    file: '文件',
    search: '搜索客户',
    demo: '生成演示数据…',
    quit: '退出',
    edit: '编辑',
    undo: '撤销',
    redo: '重做',
    cut: '剪切',
    copy: '复制',
    paste: '粘贴',
    selectAll: '全选',
    view: '视图',
    reload: '重新加载',
    zoomIn: '放大',
    zoomOut: '缩小',
    resetZoom: '实际大小',
    fullscreen: '全屏',
    window: '窗口',
    minimize: '最小化',
    close: '关闭',
    help: '帮助',
    about: '关于档案',
  },
  en: {
    file: 'File',
    search: 'Find customer',
    demo: 'Generate demo data…',
    quit: 'Quit',
    edit: 'Edit',
    undo: 'Undo',
    redo: 'Redo',
    cut: 'Cut',
    copy: 'Copy',
    paste: 'Paste',
    selectAll: 'Select all',
    view: 'View',
    reload: 'Reload',
    zoomIn: 'Zoom in',
    zoomOut: 'Zoom out',
    resetZoom: 'Actual size',
    fullscreen: 'Full screen',
    window: 'Window',
    minimize: 'Minimize',
    close: 'Close',
    help: 'Help',
    about: 'About Dangan',
  },
} as const satisfies Record<Locale, Record<string, string>>;

export type MenuCommand =
  | { command: 'search' }
  | { command: 'about' }
  /** Opens a screen of the UI; the UI accepts only its own routes. */
  | { command: 'navigate'; arg: string };

/** The application menu in the UI's language; commands go back to the UI as events. */
export function menuTemplate(
  locale: Locale,
  onCommand: (command: MenuCommand) => void,
  isMac: boolean,
): MenuItemConstructorOptions[] {
  const t = LABELS[locale];
  return [
    {
      label: t.file,
      submenu: [
        { label: t.search, accelerator: 'CmdOrCtrl+K', click: () => onCommand({ command: 'search' }) },
        { label: t.demo, click: () => onCommand({ command: 'navigate', arg: '/demo' }) },
        { type: 'separator' },
        { label: t.quit, role: 'quit' },
      ],
    },
    {
      label: t.edit,
      submenu: [
        { label: t.undo, role: 'undo' },
        { label: t.redo, role: 'redo' },
        { type: 'separator' },
        { label: t.cut, role: 'cut' },
        { label: t.copy, role: 'copy' },
        { label: t.paste, role: 'paste' },
        { label: t.selectAll, role: 'selectAll' },
      ],
    },
    {
      label: t.view,
      submenu: [
        { label: t.reload, role: 'reload' },
        { type: 'separator' },
        { label: t.resetZoom, role: 'resetZoom' },
        { label: t.zoomIn, role: 'zoomIn' },
        { label: t.zoomOut, role: 'zoomOut' },
        { type: 'separator' },
        { label: t.fullscreen, role: 'togglefullscreen' },
      ],
    },
    {
      label: t.window,
      submenu: [
        { label: t.minimize, role: 'minimize' },
        { label: t.close, role: isMac ? 'close' : 'quit' },
      ],
    },
    {
      label: t.help,
      submenu: [{ label: t.about, click: () => onCommand({ command: 'about' }) }],
    },
  ];
}
