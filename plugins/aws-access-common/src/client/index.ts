export type { AwsAccessApi, RequestOptions } from './AwsAccessApi';
export { AwsAccessClient } from './AwsAccessClient';
export type { AwsAccessDiscovery, AwsAccessFetch } from './AwsAccessClient';
