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
import type { GrantPreview } from '@backstage-aws-access/plugin-aws-access-common';
import { formatDuration } from '../../lib/time';
import { PolicyAccordion, PreviewApproval } from './PreviewApproval';
import { PreviewCard } from './PreviewCard';
import { SensitiveActions } from './SensitiveActions';

/**
 * What a request will create, before it is sent (`POST /grants/preview`):
 * who must approve (or "active at once"), the limit, the actions that write
 * or change permissions, and the exact trust and permission policies with
 * their expiry condition.
 */
export function GrantPreviewPanel(props: {
  preview?: GrantPreview;
  loading?: boolean;
  /** Why the request as it stands would be refused, in people's words. */
  error?: string;
}) {
  const { preview, loading, error } = props;
  return (
    <PreviewCard
      testId="grant-preview"
      loading={loading}
      error={error}
      hint="Pick actions, a duration and a reason to see what will be created and who approves it."
    >
      {preview && (
        <>
          <PreviewApproval approval={preview.approval} />
          <Box mt={2}>
            <Typography variant="body2">
              Lasts {formatDuration(preview.durationMinutes)} from activation
              (at most {formatDuration(preview.maxDurationMinutes)}); AWS itself
              ends it then.
            </Typography>
          </Box>
          <Box mt={1}>
            <SensitiveActions actions={preview.sensitiveActions} />
          </Box>
          <Box mt={2}>
            <PolicyAccordion
              summary={`Permission policy (${preview.actions.length} actions on this resource only)`}
              policy={preview.permissionPolicy}
            />
            <PolicyAccordion
              summary="Trust policy (only your own AWS identity may assume the role)"
              policy={preview.trustPolicy}
            />
          </Box>
        </>
      )}
    </PreviewCard>
  );
}
