import type { HandlerTable } from '../ipc/dispatch';
import type { SettingsStore } from './store';

export function settingsHandlers(settings: SettingsStore): Pick<HandlerTable, 'settings:get' | 'settings:update'> {
  return {
    'settings:get': () => settings.get(),
    'settings:update': ({ patch }) => settings.update(patch),
  };
}
