import {
  EmptyState,
  MissingAnnotationEmptyState,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import { ANNOTATION_AWS_ARN } from '@backstage-aws-access/plugin-aws-access-common';
import { getResourceArn } from '../../lib/entityPredicates';
import { GrantsTable } from '../GrantsTable';
import { LiveGrants } from '../LiveGrants';

function ActiveGrants(props: { resourceArn: string }) {
  return (
    <LiveGrants
      resourceArn={props.resourceArn}
      empty={
        <EmptyState
          missing="data"
          title="No active grants"
          description="Nobody holds access to this resource through aws-access right now."
        />
      }
    >
      {({ grants, refresh, error }) => (
        <>
          {error && <ResponseErrorPanel error={error} />}
          <GrantsTable
            title="Active grants"
            grants={grants}
            onChange={refresh}
          />
        </>
      )}
    </LiveGrants>
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
