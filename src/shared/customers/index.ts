export * from './code';
export * from './credit-code';
export * from './form';
export * from './id-number';
export * from './phone';
export * from './pinyin';
export * from './similarity';
export * from './to-doc';
