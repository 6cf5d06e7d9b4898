// Types, zod schemas and error codes that the server and the web share. Imports neither side.
export * from './errors';
export * from './credit-code';
export * from './industry';
export * from './common-passwords';
export * from './identity';
export * from './access';
export * from './registry';
export * from './health';
export * from './attachments';
export * from './service-requests';
export * from './assets';
export * from './maintenance';
export * from './telemetry';
export * from './events';
export * from './screens';
export * from './projects';
export * from './targets';
