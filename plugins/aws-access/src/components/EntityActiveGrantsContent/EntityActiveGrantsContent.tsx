/*
 * Copyright 2026 The Backstage AWS Access Authors
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

import { EmptyState, ResponseErrorPanel } from '@backstage/core-components';
import { ANNOTATION_AWS_ARN } from '@backstage-aws-access/plugin-aws-access-common';
import { GrantsTable } from '../GrantsTable';
import { LiveGrants } from '../LiveGrants';
import { WithEntityAnnotation } from '../WithEntityAnnotation';

/** The "Active grants" tab: who holds access to this resource, and revoke. */
export function EntityActiveGrantsContent() {
  return (
    <WithEntityAnnotation annotation={ANNOTATION_AWS_ARN}>
      {resourceArn => (
        <LiveGrants
          resourceArn={resourceArn}
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
      )}
    </WithEntityAnnotation>
  );
}
