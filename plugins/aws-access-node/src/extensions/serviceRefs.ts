import {
  coreServices,
  createServiceFactory,
  createServiceRef,
} from '@backstage/backend-plugin-api';
import { DefaultAwsClientFactory } from '../aws/DefaultAwsClientFactory';
import type { AwsClientFactory } from '../aws/types';
import { readAwsAccessConfig } from '../config/AwsAccessConfig';

/**
 * SDK client config per configured account, shared by the `aws-access`
 * plugin and its catalog module. The default assumes each account's
 * manager (or reader) role through `@backstage/integration-aws-node`;
 * override the service to supply credentials another way.
 *
 * @public
 */
export const awsClientFactoryServiceRef = createServiceRef<AwsClientFactory>({
  id: 'aws-access.client-factory',
  scope: 'plugin',
  defaultFactory: async service =>
    createServiceFactory({
      service,
      deps: { config: coreServices.rootConfig },
      factory: ({ config }) =>
        DefaultAwsClientFactory.fromConfig(config, readAwsAccessConfig(config)),
    }),
});
