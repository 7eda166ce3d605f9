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

import { useEffect, useRef, useState } from 'react';
import { InfoCard } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { Link as RouterLink } from 'react-router-dom';
import { useGrantDetailsLink } from '../../hooks/useGrantDetailsLink';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import type { Grant } from '@backstage-aws-access/plugin-aws-access-common';
import { useElementId } from '../../hooks';
import { formatDateTime, formatDuration } from '../../lib/time';
import { ApprovalProgress } from '../ApprovalProgress';
import { Choice, ChoiceButtons } from '../ChoiceButtons';
import { Decision, DecisionDialog } from './DecisionDialog';
import { UserText } from '../UserText';
import { bundlePagePath } from '../../lib/bundlePaths';
import { BundlePartsList, bundleSummary } from './BundlePartsList';

const DECISIONS: Choice<Decision>[] = [
  {
    value: 'approve',
    label: 'Approve',
    variant: 'contained',
    color: 'primary',
  },
  { value: 'reject', label: 'Reject', variant: 'outlined', color: 'secondary' },
];

const useStyles = makeStyles(theme => ({
  row: {
    borderRadius: theme.shape.borderRadius,
    '&:focus': { outline: 'none' },
  },
  highlighted: {
    boxShadow: `0 0 0 2px ${theme.palette.primary.main}`,
  },
}));

/**
 * One request in the inbox, with Approve and Reject. The request a
 * notification linked to is `highlighted`: outlined, labelled, scrolled
 * into view and focused, so keyboard and screen-reader users land on it too.
 */
export function ApprovalRow(props: {
  grant: Grant;
  /** For a bundle: every part waiting, decided together with `grant`. */
  parts?: Grant[];
  highlighted?: boolean;
  onDecided: () => void;
}) {
  const { grant, parts, highlighted = false, onDecided } = props;
  const classes = useStyles();
  const [decision, setDecision] = useState<Decision>();
  const titleId = useElementId('aws-access-approval-title');
  const ref = useRef<HTMLElement>(null);

  const detailsLink = useGrantDetailsLink();
  useEffect(() => {
    const element = ref.current;
    if (highlighted && element) {
      // jsdom and old browsers lack scrollIntoView options; both are optional.
      element.scrollIntoView?.({ block: 'center', behavior: 'smooth' });
      element.focus({ preventScroll: true });
    }
  }, [highlighted]);

  return (
    <article
      ref={ref}
      aria-labelledby={titleId}
      aria-current={highlighted ? 'true' : undefined}
      tabIndex={highlighted ? -1 : undefined}
      className={
        highlighted ? `${classes.row} ${classes.highlighted}` : classes.row
      }
    >
      <InfoCard
        title={
          <span id={titleId}>
            <EntityRefLink entityRef={grant.requester} defaultKind="user" />{' '}
            asks for access
          </span>
        }
        subheader={
          parts ? (
            bundleSummary(parts)
          ) : (
            <UserText>{grant.resourceArn}</UserText>
          )
        }
        action={
          highlighted ? (
            <Chip label="Linked request" color="primary" size="small" />
          ) : undefined
        }
      >
        {parts ? (
          <BundlePartsList parts={parts} />
        ) : (
          <Typography variant="body2">
            <strong>Actions:</strong> {grant.actions.join(', ')}
          </Typography>
        )}
        <Typography variant="body2">
          <strong>For:</strong> {formatDuration(grant.durationMinutes)}, from
          approval
        </Typography>
        <Typography variant="body2">
          <strong>Reason:</strong> <UserText>{grant.reason}</UserText>
        </Typography>
        <Typography variant="body2">
          <strong>Requested:</strong> {formatDateTime(grant.createdAt)}
        </Typography>
        <Box mt={1}>
          <ApprovalProgress grant={grant} />
        </Box>
        <Box mt={2} display="flex" style={{ gap: 8 }}>
          <ChoiceButtons
            opensDialog
            choices={DECISIONS}
            onChoose={setDecision}
          />
          <Button
            component={RouterLink}
            to={
              grant.bundleId && parts
                ? bundlePagePath(grant.bundleId)
                : detailsLink(grant.id)
            }
            data-testid="grant-row-link"
          >
            Details
          </Button>
        </Box>
        {decision && (
          <DecisionDialog
            grant={grant}
            parts={parts}
            decision={decision}
            open
            onClose={() => setDecision(undefined)}
            onDecided={() => {
              setDecision(undefined);
              onDecided();
            }}
          />
        )}
      </InfoCard>
    </article>
  );
}
