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

import Chip from '@material-ui/core/Chip';
import Tooltip from '@material-ui/core/Tooltip';
import type { Grant } from '@backstage-aws-access/plugin-aws-access-common';

/** Marks a grant its requester approved themselves (break-glass). */
export function BreakGlassChip(props: { grant: Pick<Grant, 'breakGlass'> }) {
  if (!props.grant.breakGlass) {
    return null;
  }
  return (
    <Tooltip title="Self-approved in an emergency; approvers review it afterwards">
      <Chip
        label="Break-glass"
        size="small"
        color="secondary"
        data-testid="break-glass-chip"
        style={{ marginLeft: 8 }}
      />
    </Tooltip>
  );
}
