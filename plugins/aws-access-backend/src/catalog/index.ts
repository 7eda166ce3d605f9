export { catalogModuleAwsAccess } from './module';
export { AwsResourceEntityProvider } from './AwsResourceEntityProvider';
export type { DiscoveryPartStatus } from './AwsResourceEntityProvider';
export { AwsAccessGrantEntityProvider } from './AwsAccessGrantEntityProvider';
export { resourceEntityName } from './naming';
