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

import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { EntityDisplayName } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Paper from '@material-ui/core/Paper';
import Typography from '@material-ui/core/Typography';
import { useActions } from '../../hooks';
import type { RequestCartItem } from '../../requestCart';
import { ActionPicker } from '../ActionPicker';
import { UserText } from '../UserText';
import { ErrorAlert } from '../ErrorAlert';

/**
 * One resource of a bundle request: its name, ARN, the actions wanted on it
 * (the same picker and presets as a single request), what is wrong with it,
 * and a way to take it out of the request.
 */
export function BundleTargetSection(props: {
  item: RequestCartItem;
  selected: string[];
  onChange: (actions: string[]) => void;
  onRemove: () => void;
  error?: string;
}) {
  const { item, selected, onChange, onRemove, error } = props;
  const actions = useActions(item.resourceArn);

  return (
    <Paper
      variant="outlined"
      component="section"
      aria-label={`Resource ${item.resourceArn}`}
      data-testid="bundle-target"
    >
      <Box p={2}>
        <Box
          display="flex"
          alignItems="flex-start"
          justifyContent="space-between"
          flexWrap="wrap"
          style={{ gap: 8 }}
        >
          <Box minWidth={0}>
            <Typography variant="subtitle1" component="h3">
              <EntityDisplayName entityRef={item.entityRef} />
            </Typography>
            <Typography
              variant="caption"
              color="textSecondary"
              component="code"
              style={{ wordBreak: 'break-all' }}
            >
              <UserText>{item.resourceArn}</UserText>
            </Typography>
          </Box>
          <Button size="small" onClick={onRemove}>
            Remove
          </Button>
        </Box>
        <ErrorAlert error={error} my={1} />
        <Box mt={1}>
          {actions.loading && <Progress />}
          {actions.error && <ResponseErrorPanel error={actions.error} />}
          {actions.value && actions.value.length === 0 && (
            <Typography variant="body2" color="textSecondary">
              No IAM action applies to this resource; remove it from the
              request.
            </Typography>
          )}
          {actions.value && actions.value.length > 0 && (
            <ActionPicker
              resourceArn={item.resourceArn}
              actions={actions.value}
              selected={selected}
              onChange={onChange}
            />
          )}
        </Box>
      </Box>
    </Paper>
  );
}
