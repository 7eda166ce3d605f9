/**
 * Scaffolder module of the aws-access plugins: the `aws:access:request`,
 * `aws:access:revoke` and `aws:access:extend` actions, which reach the
 * `aws-access` plugin through its REST API only.
 *
 * @packageDocumentation
 */
export { scaffolderModuleAwsAccess as default } from './module';
