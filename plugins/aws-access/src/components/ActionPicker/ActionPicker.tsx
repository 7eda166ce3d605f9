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

import { useMemo, useState } from 'react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Checkbox from '@material-ui/core/Checkbox';
import FormControl from '@material-ui/core/FormControl';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import FormGroup from '@material-ui/core/FormGroup';
import FormHelperText from '@material-ui/core/FormHelperText';
import FormLabel from '@material-ui/core/FormLabel';
import InputAdornment from '@material-ui/core/InputAdornment';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import SearchIcon from '@material-ui/icons/Search';
import {
  ACCESS_LEVELS,
  GRANT_LIMITS,
  type ActionInfo,
} from '@backstage-aws-access/plugin-aws-access-common';
import { useElementId } from '../../hooks';
import Tooltip from '@material-ui/core/Tooltip';
import {
  ACTION_PRESET_LABELS,
  matchesSearch,
  presetActions,
  type ActionPresetId,
} from './presets';

const useStyles = makeStyles(theme => ({
  list: {
    maxHeight: 360,
    overflowY: 'auto',
    border: `1px solid ${theme.palette.divider}`,
    borderRadius: theme.shape.borderRadius,
    padding: theme.spacing(1, 2),
    marginTop: theme.spacing(1),
  },
  group: {
    marginBottom: theme.spacing(1),
  },
  actions: {
    paddingLeft: theme.spacing(3),
  },
  description: {
    display: 'block',
  },
}));

/**
 * Checkboxes for IAM actions grouped by access level (List, Read, Tagging,
 * Write, Permissions management), with search and presets.
 */
export function ActionPicker(props: {
  /** The resource the actions apply to; presets are curated per resource type. */
  resourceArn: string;
  actions: ActionInfo[];
  selected: string[];
  onChange: (selected: string[]) => void;
  error?: string;
}) {
  const { resourceArn, actions, selected, onChange, error } = props;
  const presets = useMemo(
    () =>
      (Object.keys(ACTION_PRESET_LABELS) as ActionPresetId[]).map(id => ({
        id,
        ...ACTION_PRESET_LABELS[id],
        actions: presetActions(id, resourceArn, actions),
      })),
    [resourceArn, actions],
  );
  const classes = useStyles();
  const [search, setSearch] = useState('');
  const searchId = useElementId('aws-access-action-search');
  const selectedSet = useMemo(() => new Set(selected), [selected]);

  const groups = useMemo(
    () =>
      ACCESS_LEVELS.map(level => ({
        level,
        actions: actions.filter(
          a => a.accessLevel === level && matchesSearch(a, search),
        ),
      })).filter(group => group.actions.length > 0),
    [actions, search],
  );

  const toggle = (action: string, on: boolean) => {
    onChange(
      on
        ? [...selected, action]
        : selected.filter(candidate => candidate !== action),
    );
  };

  const toggleGroup = (names: string[], on: boolean) => {
    const rest = selected.filter(candidate => !names.includes(candidate));
    onChange(on ? [...rest, ...names] : rest);
  };

  return (
    <FormControl component="fieldset" error={Boolean(error)} fullWidth>
      <FormLabel component="legend">Actions</FormLabel>
      <Box display="flex" flexWrap="wrap" alignItems="center" mt={1}>
        <Box flexGrow={1} mr={2}>
          <TextField
            id={searchId}
            label="Search actions"
            value={search}
            onChange={e => setSearch(e.target.value)}
            variant="outlined"
            size="small"
            fullWidth
            InputProps={{
              startAdornment: (
                <InputAdornment position="start">
                  <SearchIcon fontSize="small" />
                </InputAdornment>
              ),
            }}
          />
        </Box>
        <Box
          display="flex"
          style={{ gap: 8 }}
          role="group"
          aria-label="Action presets"
        >
          {presets.map(preset =>
            preset.actions ? (
              <Tooltip
                key={preset.id}
                title={`${preset.actions.length} actions: ${preset.summary}`}
              >
                <Button
                  size="small"
                  variant="outlined"
                  data-preset={preset.id}
                  onClick={() => onChange(preset.actions!)}
                >
                  {preset.label}
                </Button>
              </Tooltip>
            ) : null,
          )}
          <Button size="small" variant="outlined" onClick={() => onChange([])}>
            Clear
          </Button>
        </Box>
      </Box>
      <Typography
        variant="caption"
        color="textSecondary"
        aria-live="polite"
        component="p"
      >
        {selected.length} of at most {GRANT_LIMITS.maxActions} actions selected.
        Presets pick the data-plane actions of this kind of resource; anything
        else is picked one by one.
      </Typography>
      <div className={classes.list}>
        {groups.length === 0 && (
          <Typography variant="body2" color="textSecondary">
            No action matches “{search}”.
          </Typography>
        )}
        {groups.map(group => {
          const names = group.actions.map(a => a.action);
          const count = names.filter(name => selectedSet.has(name)).length;
          return (
            <div
              key={group.level}
              className={classes.group}
              role="group"
              aria-label={`${group.level} actions`}
            >
              <FormControlLabel
                label={
                  <Typography variant="subtitle2">
                    {group.level} ({group.actions.length})
                  </Typography>
                }
                control={
                  <Checkbox
                    color="primary"
                    checked={count === names.length}
                    indeterminate={count > 0 && count < names.length}
                    onChange={e => toggleGroup(names, e.target.checked)}
                    inputProps={{
                      'aria-label': `All ${group.level} actions`,
                    }}
                  />
                }
              />
              <FormGroup className={classes.actions}>
                {group.actions.map(action => (
                  <FormControlLabel
                    key={action.action}
                    control={
                      <Checkbox
                        color="primary"
                        size="small"
                        checked={selectedSet.has(action.action)}
                        onChange={e => toggle(action.action, e.target.checked)}
                        name={action.action}
                        inputProps={{ 'aria-label': action.action }}
                      />
                    }
                    label={
                      <span>
                        <Typography variant="body2" component="span">
                          {action.action}
                        </Typography>
                        {action.description && (
                          <Typography
                            variant="caption"
                            color="textSecondary"
                            component="span"
                            className={classes.description}
                          >
                            {action.description}
                          </Typography>
                        )}
                      </span>
                    }
                  />
                ))}
              </FormGroup>
            </div>
          );
        })}
      </div>
      {error && <FormHelperText>{error}</FormHelperText>}
    </FormControl>
  );
}
