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
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import type { GrantPreview } from '@backstage-aws-access/plugin-aws-access-common';

/** The previewed actions that can change things, or that none can. */
export function SensitiveActions(props: {
  actions: GrantPreview['sensitiveActions'];
}) {
  const { actions } = props;
  if (actions.length === 0) {
    return (
      <Typography variant="body2">
        Only reads and lists: nothing can be changed.
      </Typography>
    );
  }
  return (
    <>
      <Typography variant="body2">These actions can change things:</Typography>
      <Box display="flex" flexWrap="wrap" mt={0.5} style={{ gap: 4 }}>
        {actions.map(a => (
          <Chip
            key={a.action}
            size="small"
            color={
              a.accessLevel === 'Permissions management'
                ? 'secondary'
                : 'default'
            }
            label={`${a.action} · ${a.accessLevel}`}
          />
        ))}
      </Box>
    </>
  );
}
