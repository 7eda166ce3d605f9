/**
 * Request, watch and revoke time-bound AWS IAM access from the Backstage
 * catalog. The default export is the plugin for the new frontend system;
 * the named exports serve apps on the old one.
 *
 * @packageDocumentation
 */
export { default } from './alpha/index';
export {
  awsAccessPlugin,
  AwsAccessPage,
  EntityAwsAccessRequestContent,
  EntityAwsAccessGrantsContent,
  EntityAwsAccessExpiryContent,
  EntityAwsAccessGrantContent,
  EntityAwsAccessCard,
} from './plugin';
export {
  isAwsResourceEntity,
  isAwsAccessGrantEntity,
} from './lib/entityPredicates';
export { awsAccessApiRef } from './api';
export { AwsActionsPickerFieldExtension } from './scaffolder';
export { rootRouteRef as awsAccessRouteRef } from './routes';
