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

import { CodeSnippet, InfoCard } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Accordion from '@material-ui/core/Accordion';
import AccordionDetails from '@material-ui/core/AccordionDetails';
import AccordionSummary from '@material-ui/core/AccordionSummary';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import LinearProgress from '@material-ui/core/LinearProgress';
import Typography from '@material-ui/core/Typography';
import ExpandMoreIcon from '@material-ui/icons/ExpandMore';
import Alert from '@material-ui/lab/Alert';
import type { GrantPreview } from '@backstage-aws-access/plugin-aws-access-common';
import { formatDuration } from '../../lib/time';

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
    <section aria-label="Preview of the request" data-testid="grant-preview">
      <InfoCard title="Before you request" noPadding={false}>
        {loading && <LinearProgress aria-label="Checking the request" />}
        {!preview && !error && !loading && (
          <Typography variant="body2" color="textSecondary">
            Pick actions, a duration and a reason to see what will be created
            and who approves it.
          </Typography>
        )}
        {error && (
          <Alert severity="warning" role="status">
            {error}
          </Alert>
        )}
        {preview && !error && (
          <>
            {preview.approval.mode === 'auto' ? (
              <Alert severity="success" data-testid="preview-approval">
                Active at once: no approval is needed.
              </Alert>
            ) : (
              <Alert severity="info" data-testid="preview-approval">
                Needs {preview.approval.count}{' '}
                {preview.approval.count === 1 ? 'approval' : 'approvals'}{' '}
                {preview.approval.mode === 'owner'
                  ? 'from the resource owner'
                  : 'from a member of'}{' '}
                {preview.approval.approverGroups.map((group, i) => (
                  <span key={group}>
                    {i > 0 && ' or '}
                    <EntityRefLink entityRef={group} defaultKind="group" />
                  </span>
                ))}
                . It becomes active once approved.
              </Alert>
            )}
            <Box mt={2}>
              <Typography variant="body2">
                Lasts {formatDuration(preview.durationMinutes)} from activation
                (at most {formatDuration(preview.maxDurationMinutes)}); AWS
                itself ends it then.
              </Typography>
            </Box>
            <Box mt={1}>
              {preview.sensitiveActions.length === 0 ? (
                <Typography variant="body2">
                  Only reads and lists: nothing can be changed.
                </Typography>
              ) : (
                <>
                  <Typography variant="body2">
                    These actions can change things:
                  </Typography>
                  <Box
                    display="flex"
                    flexWrap="wrap"
                    mt={0.5}
                    style={{ gap: 4 }}
                  >
                    {preview.sensitiveActions.map(a => (
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
              )}
            </Box>
            <Box mt={2}>
              <Accordion defaultExpanded={false}>
                <AccordionSummary expandIcon={<ExpandMoreIcon />}>
                  <Typography variant="body2">
                    Permission policy ({preview.actions.length} actions on this
                    resource only)
                  </Typography>
                </AccordionSummary>
                <AccordionDetails style={{ display: 'block' }}>
                  <CodeSnippet
                    language="json"
                    text={JSON.stringify(preview.permissionPolicy, null, 2)}
                    showCopyCodeButton
                  />
                </AccordionDetails>
              </Accordion>
              <Accordion defaultExpanded={false}>
                <AccordionSummary expandIcon={<ExpandMoreIcon />}>
                  <Typography variant="body2">
                    Trust policy (only your own AWS identity may assume the
                    role)
                  </Typography>
                </AccordionSummary>
                <AccordionDetails style={{ display: 'block' }}>
                  <CodeSnippet
                    language="json"
                    text={JSON.stringify(preview.trustPolicy, null, 2)}
                    showCopyCodeButton
                  />
                </AccordionDetails>
              </Accordion>
            </Box>
          </>
        )}
      </InfoCard>
    </section>
  );
}
