export * from './tool';
export * from './severity';
export * from './finding';
export * from './providers';
