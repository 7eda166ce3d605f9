/**
 * Catalog module of the aws-access plugins: the AWS resources of every
 * configured account and region as `Resource` entities, and one entity per
 * live grant, kept current by grant events.
 *
 * @packageDocumentation
 */
export { catalogModuleAwsAccess as default } from './module';
