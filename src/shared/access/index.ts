export * from './policy';
export * from './rules';
export { jsonEqual } from './equal';
