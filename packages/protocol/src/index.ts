export * from './common.js';
export * from './errors.js';
export * from './events.js';
export * from './permissions.js';
export * from './roles.js';
export * from './rooms.js';
export * from './session.js';
export * from './version.js';
