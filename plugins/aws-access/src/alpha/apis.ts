import {
  ApiBlueprint,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import { AwsAccessClient } from '@backstage-aws-access/plugin-aws-access-common';
import { awsAccessApiRef } from '../api';

/** The REST client over the app's discovery and (authenticated) fetch. */
export const awsAccessApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: awsAccessApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new AwsAccessClient({ discoveryApi, fetchApi }),
    }),
});
