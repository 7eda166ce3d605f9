export { DefaultAwsClientFactory } from './DefaultAwsClientFactory';
export type { AwsClientConfig, AwsClientFactory, AwsPurpose } from './types';
