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

import { InfoCard } from '@backstage/core-components';
import { ANNOTATION_AWS_ARN } from '@backstage-aws-access/plugin-aws-access-common';
import { getAccountId } from '../../lib/entityPredicates';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { AddToRequestButton } from '../AddToRequest';
import { RequestAccessForm } from '../RequestAccessForm';
import { WithEntityAnnotation } from '../WithEntityAnnotation';

/** The "Request access" tab of an AWS resource's entity page. */
export function EntityRequestAccessContent() {
  return (
    <WithEntityAnnotation annotation={ANNOTATION_AWS_ARN}>
      {(resourceArn, entity) => (
        <InfoCard title="Request access">
          <Box mb={2}>
            <Typography variant="body2" color="textSecondary" paragraph>
              Need several resources at once? Add them to one request, approved
              as a whole and ending together.
            </Typography>
            <AddToRequestButton />
          </Box>
          <RequestAccessForm
            resourceArn={resourceArn}
            accountId={getAccountId(entity)}
          />
        </InfoCard>
      )}
    </WithEntityAnnotation>
  );
}
