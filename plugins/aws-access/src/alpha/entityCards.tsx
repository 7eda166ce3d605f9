import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { isAwsResourceEntity } from '../lib/entityPredicates';

/** Overview card with a "Request access" button that opens the form. */
export const entityAwsAccessCard = EntityCardBlueprint.make({
  name: 'aws-access',
  params: {
    filter: isAwsResourceEntity,
    loader: () =>
      import('../components/EntityAwsAccessCard').then(m => (
        <m.EntityAwsAccessCard />
      )),
  },
});
