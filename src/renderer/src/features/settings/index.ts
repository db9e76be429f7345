export { SettingsPage, settingsSections } from './SettingsPage';
export { useProfile } from './profile';
