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

import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import type {
  BundlePreview,
  BundleTargetRequest,
  GrantPreview,
} from '@backstage-aws-access/plugin-aws-access-common';
import { formatDateTime, formatDuration } from '../../lib/time';
import {
  PolicyAccordion,
  PreviewApproval,
  PreviewCard,
  SensitiveActions,
} from '../GrantPreviewPanel';
import { useAccountLabel } from '../../hooks';
import { ResourceArn } from '../UserText';

/**
 * The resources a part's role would cover: as the backend says, or, from
 * a backend that does not say, the requested ones its policy names.
 */
function resourcesOf(
  part: GrantPreview,
  targets: BundleTargetRequest[],
): Array<{ resourceArn: string; actions: string[] }> {
  if (part.targets?.length) {
    return part.targets;
  }
  const policy = JSON.stringify(part.permissionPolicy);
  const covered = targets.filter(
    t =>
      t.resourceArn === part.resourceArn ||
      policy.includes(`"${t.resourceArn}"`) ||
      policy.includes(`"${t.resourceArn}/`),
  );
  return covered.length ? covered : [part];
}

/**
 * What a bundle request will create (`POST /bundles/preview`): who must
 * approve the whole (every owner concerned), the shared expiry, and one
 * part per account, each with its own role and policy.
 */
export function BundlePreviewPanel(props: {
  preview?: BundlePreview;
  /** The request previewed, to say which resource lands in which part. */
  targets: BundleTargetRequest[];
  loading?: boolean;
  error?: string;
}) {
  const { preview, targets, loading, error } = props;
  const accountLabel = useAccountLabel();
  return (
    <PreviewCard
      testId="bundle-preview"
      loading={loading}
      error={error}
      hint="Pick actions for every resource, a duration and a reason to see what will be created and who approves it."
    >
      {preview && (
        <>
          <PreviewApproval approval={preview.approval} whole />
          <Box mt={2}>
            <Typography variant="body2">
              One decision for all of it. Every part ends at the same time:{' '}
              {formatDateTime(preview.expiresAt)} if it were active now
              {preview.parts[0]
                ? ` (${formatDuration(preview.parts[0].durationMinutes)})`
                : ''}
              .
            </Typography>
          </Box>
          <Typography variant="subtitle2" component="h3">
            {preview.parts.length === 1
              ? 'One role, in one account'
              : `${preview.parts.length} roles, one per account`}
          </Typography>
          {preview.parts.map(part => (
            <Box
              key={part.accountId}
              mt={2}
              component="section"
              aria-label={`Account ${accountLabel(part.accountId)}`}
              data-testid="bundle-preview-part"
            >
              <Typography variant="subtitle2" component="h4">
                Account {accountLabel(part.accountId)}
                {part.region ? ` (${part.region})` : ''}
              </Typography>
              <Box component="ul" m={0} pl={2}>
                {resourcesOf(part, targets).map(target => (
                  <Typography
                    key={target.resourceArn}
                    variant="body2"
                    component="li"
                    style={{ wordBreak: 'break-all' }}
                  >
                    <ResourceArn arn={target.resourceArn} />:{' '}
                    {target.actions.join(', ')}
                  </Typography>
                ))}
              </Box>
              <SensitiveActions actions={part.sensitiveActions} />
              <PolicyAccordion
                summary={`Permission policy of the role in ${accountLabel(
                  part.accountId,
                )}`}
                policy={part.permissionPolicy}
              />
            </Box>
          ))}
        </>
      )}
    </PreviewCard>
  );
}
