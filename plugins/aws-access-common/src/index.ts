/**
 * Types, permissions, API schemas, ARN parsing and the typed REST client
 * shared by the aws-access frontend and backend plugins.
 *
 * @packageDocumentation
 */
export * from './constants';
export * from './types';
export * from './schemas';
export * from './userText';
export * from './readableTime';
export * from './arn';
export * from './permissions';
export * from './client';
export * from './presets';
export * from './cliSnippet';
export * from './duplicateGrant';
export * from './fieldLabels';
