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

import { CodeSnippet } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Accordion from '@material-ui/core/Accordion';
import AccordionDetails from '@material-ui/core/AccordionDetails';
import AccordionSummary from '@material-ui/core/AccordionSummary';
import Typography from '@material-ui/core/Typography';
import ExpandMoreIcon from '@material-ui/icons/ExpandMore';
import Alert from '@material-ui/lab/Alert';
import type { GrantPreview } from '@backstage-aws-access/plugin-aws-access-common';

/**
 * Who must approve a previewed request, by name, or that it is active at
 * once. `whole` words it for a bundle, approved as one decision.
 */
export function PreviewApproval(props: {
  approval: GrantPreview['approval'];
  whole?: boolean;
}) {
  const { approval, whole = false } = props;
  if (approval.mode === 'auto') {
    return (
      <Alert severity="success" data-testid="preview-approval">
        Active at once: no approval is needed.
      </Alert>
    );
  }
  let from = 'from a member of';
  if (approval.mode === 'owner') {
    from = whole ? 'from the owners' : 'from the resource owner';
  }
  return (
    <Alert severity="info" data-testid="preview-approval">
      Needs {approval.count} {approval.count === 1 ? 'approval' : 'approvals'}{' '}
      {from}{' '}
      {approval.approverGroups.map((group, i) => (
        <span key={group}>
          {i > 0 && (whole ? ', ' : ' or ')}
          <EntityRefLink entityRef={group} defaultKind="group" />
        </span>
      ))}
      . {whole ? 'Every part becomes' : 'It becomes'} active once approved.
    </Alert>
  );
}

/** A policy document, folded away until asked for. */
export function PolicyAccordion(props: {
  summary: string;
  policy: Record<string, unknown>;
}) {
  return (
    <Accordion defaultExpanded={false}>
      <AccordionSummary expandIcon={<ExpandMoreIcon />}>
        <Typography variant="body2">{props.summary}</Typography>
      </AccordionSummary>
      <AccordionDetails style={{ display: 'block' }}>
        <CodeSnippet
          language="json"
          text={JSON.stringify(props.policy, null, 2)}
          showCopyCodeButton
        />
      </AccordionDetails>
    </Accordion>
  );
}
