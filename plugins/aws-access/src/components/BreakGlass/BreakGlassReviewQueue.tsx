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

import { useState } from 'react';
import {
  EmptyState,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Card from '@material-ui/core/Card';
import CardContent from '@material-ui/core/CardContent';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import ToggleButton from '@material-ui/lab/ToggleButton';
import ToggleButtonGroup from '@material-ui/lab/ToggleButtonGroup';
import type {
  BreakGlassReviewItem,
  BreakGlassReviewState,
} from '@backstage-aws-access/plugin-aws-access-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { awsAccessApiRef } from '../../api';
import { useAccountLabel, useApiCall } from '../../hooks';
import { formatDateTime } from '../../lib/time';
import { ActorLink } from '../ActorLink';
import { GrantStateIndicator } from '../GrantStateIndicator';
import { UserText } from '../UserText';
import { BreakGlassChip } from './BreakGlassChip';
import { Choice, ChoiceButtons } from '../ChoiceButtons';
import { ErrorAlert } from '../ErrorAlert';

const REVIEW_DECISIONS: Choice<'confirm' | 'flag'>[] = [
  { value: 'confirm', label: 'Confirm', variant: 'outlined', color: 'primary' },
  { value: 'flag', label: 'Flag', variant: 'contained', color: 'secondary' },
];

const STATE_LABELS: Record<BreakGlassReviewState, string> = {
  pending: 'To review',
  confirmed: 'Confirmed',
  flagged: 'Flagged',
};

function ReviewCard(props: {
  item: BreakGlassReviewItem;
  onReviewed: () => void;
}) {
  const { item, onReviewed } = props;
  const { grant, review } = item;
  const api = useApi(awsAccessApiRef);
  const [comment, setComment] = useState('');
  const { busy, error, run } = useApiCall();
  const accountLabel = useAccountLabel();

  const decide = (decision: 'confirm' | 'flag') =>
    run(async () => {
      await api.reviewBreakGlass!(grant.id, {
        decision,
        ...(comment.trim() ? { comment } : {}),
      });
      onReviewed();
    });

  return (
    <Card variant="outlined" data-testid={`break-glass-review-${grant.id}`}>
      <CardContent>
        <Typography variant="subtitle1" component="h3">
          <ActorLink actor={grant.requester} /> on{' '}
          <code>{grant.resourceArn}</code>
          <BreakGlassChip grant={grant} />
        </Typography>
        <Typography variant="body2" color="textSecondary" gutterBottom>
          {grant.actions.join(', ')} · account {accountLabel(grant.accountId)} ·
          self-approved {formatDateTime(review.createdAt)} for{' '}
          {grant.durationMinutes} minutes · now{' '}
          <GrantStateIndicator state={grant.state} />
        </Typography>
        <Typography variant="body2" component="div" gutterBottom>
          Reason: <UserText>{grant.reason}</UserText>
        </Typography>
        {review.state === 'pending' ? (
          <Box display="flex" alignItems="center" style={{ gap: 8 }}>
            <TextField
              id={`break-glass-comment-${grant.id}`}
              label="Comment (optional)"
              value={comment}
              onChange={e => setComment(e.target.value)}
              size="small"
              variant="outlined"
              style={{ flex: 1 }}
            />
            <ChoiceButtons
              disabled={busy}
              choices={REVIEW_DECISIONS}
              onChoose={decide}
            />
          </Box>
        ) : (
          <Typography variant="body2">
            {STATE_LABELS[review.state]} by{' '}
            {review.reviewedBy ? (
              <ActorLink actor={review.reviewedBy} />
            ) : (
              'a reviewer'
            )}{' '}
            {formatDateTime(review.reviewedAt)}
            {review.comment && (
              <>
                : <UserText>{review.comment}</UserText>
              </>
            )}
          </Typography>
        )}
        <ErrorAlert error={error} mt={1} />
      </CardContent>
    </Card>
  );
}

/**
 * The break-glass review queue: grants their requesters approved
 * themselves in an emergency, for the approvers of their rules to confirm
 * or flag afterwards (a flag is audited at high severity).
 */
export function BreakGlassReviewQueue() {
  const api = useApi(awsAccessApiRef);
  const [state, setState] = useState<BreakGlassReviewState>('pending');
  const reviews = useAsyncRetry(
    async () => api.listBreakGlassReviews?.({ state: [state] }),
    [api, state],
  );

  return (
    <Box display="flex" flexDirection="column" style={{ gap: 16 }}>
      <ToggleButtonGroup
        value={state}
        exclusive
        size="small"
        aria-label="Review state"
        onChange={(_, value) => value && setState(value)}
      >
        {(Object.keys(STATE_LABELS) as BreakGlassReviewState[]).map(s => (
          <ToggleButton key={s} value={s}>
            {STATE_LABELS[s]}
          </ToggleButton>
        ))}
      </ToggleButtonGroup>
      {reviews.loading && !reviews.value && <Progress />}
      {reviews.error && <ResponseErrorPanel error={reviews.error} />}
      {reviews.value?.items.length === 0 && (
        <EmptyState
          missing="data"
          title={
            state === 'pending'
              ? 'No break-glass grant waits for your review'
              : `No ${STATE_LABELS[state].toLocaleLowerCase(
                  'en-US',
                )} break-glass grants`
          }
          description="Grants that people approved themselves in an emergency, under a rule you approve for, appear here."
        />
      )}
      {reviews.value?.items.map(item => (
        <ReviewCard
          key={item.grant.id}
          item={item}
          onReviewed={reviews.retry}
        />
      ))}
    </Box>
  );
}
