import {
  InfoCard,
  MissingAnnotationEmptyState,
} from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import { ANNOTATION_AWS_ARN } from '@backstage-aws-access/plugin-aws-access-common';
import { getAccountId, getResourceArn } from '../../lib/entityPredicates';
import { RequestAccessForm } from '../RequestAccessForm';

/** The "Request access" tab of an AWS resource's entity page. */
export function EntityRequestAccessContent() {
  const { entity } = useEntity();
  const resourceArn = getResourceArn(entity);
  if (!resourceArn) {
    return <MissingAnnotationEmptyState annotation={ANNOTATION_AWS_ARN} />;
  }
  return (
    <InfoCard title="Request access">
      <RequestAccessForm
        resourceArn={resourceArn}
        accountId={getAccountId(entity)}
      />
    </InfoCard>
  );
}
