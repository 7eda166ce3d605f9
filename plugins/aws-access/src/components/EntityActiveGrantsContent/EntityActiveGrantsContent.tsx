import {
  EmptyState,
  MissingAnnotationEmptyState,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import { ANNOTATION_AWS_ARN } from 'backstage-plugin-aws-access-common';
import { useGrants } from '../../hooks';
import { getResourceArn } from '../../lib/entityPredicates';
import { LIVE_GRANT_STATES } from '../../lib/grantStates';
import { GrantsTable } from '../GrantsTable';

function ActiveGrants(props: { resourceArn: string }) {
  const grants = useGrants({
    resourceArn: props.resourceArn,
    state: [...LIVE_GRANT_STATES],
  });
  if (grants.loading) {
    return <Progress />;
  }
  if (grants.error && !grants.value) {
    return <ResponseErrorPanel error={grants.error} />;
  }
  const items = grants.value?.items ?? [];
  if (items.length === 0) {
    return (
      <EmptyState
        missing="data"
        title="No active grants"
        description="Nobody holds access to this resource through aws-access right now."
      />
    );
  }
  return (
    <>
      {grants.error && <ResponseErrorPanel error={grants.error} />}
      <GrantsTable
        title="Active grants"
        grants={items}
        onChange={grants.refresh}
      />
    </>
  );
}

/** The "Active grants" tab: who holds access to this resource, and revoke. */
export function EntityActiveGrantsContent() {
  const { entity } = useEntity();
  const resourceArn = getResourceArn(entity);
  if (!resourceArn) {
    return <MissingAnnotationEmptyState annotation={ANNOTATION_AWS_ARN} />;
  }
  return <ActiveGrants resourceArn={resourceArn} />;
}
