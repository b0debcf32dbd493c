export * from './bridge';
export * from './contract';
export * from './errors';
export * from './names';
export * from './socket';
export * from './validate';
