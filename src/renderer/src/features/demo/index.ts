export { DemoPage } from './DemoPage';
export { DemoPanel } from './DemoPanel';
export { demoBatch, fillWithDemoData, DEMO_MAX } from './run-demo';
