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
import FormControl from '@material-ui/core/FormControl';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import FormHelperText from '@material-ui/core/FormHelperText';
import FormLabel from '@material-ui/core/FormLabel';
import Radio from '@material-ui/core/Radio';
import RadioGroup from '@material-ui/core/RadioGroup';
import TextField from '@material-ui/core/TextField';
import { useElementId } from '../../hooks';
import { formatDuration } from '../../lib/time';

/** Durations people ask for most, in minutes. */
export const DURATION_PRESETS = [15, 60, 240, 480] as const;

const CUSTOM = 'custom';

/**
 * Duration presets plus a custom number of minutes. `value` is undefined
 * while the custom field is empty or not a number, so the form's schema can
 * word the error the way the API does.
 */
export function DurationPicker(props: {
  value: number | undefined;
  onChange: (minutes: number | undefined) => void;
  error?: string;
  label?: string;
}) {
  const { value, onChange, error, label = 'Duration' } = props;
  const isPreset =
    value !== undefined &&
    (DURATION_PRESETS as readonly number[]).includes(value);
  const [custom, setCustom] = useState(!isPreset && value !== undefined);
  const [customText, setCustomText] = useState(
    !isPreset && value !== undefined ? String(value) : '',
  );
  const minutesId = useElementId('aws-access-duration-minutes');
  const selected = custom ? CUSTOM : String(value ?? '');

  const onRadio = (next: string) => {
    if (next === CUSTOM) {
      setCustom(true);
      onChange(customText.trim() === '' ? undefined : Number(customText));
    } else {
      setCustom(false);
      onChange(Number(next));
    }
  };

  return (
    <FormControl component="fieldset" error={Boolean(error)} fullWidth>
      <FormLabel component="legend">{label}</FormLabel>
      <RadioGroup
        row
        name="duration"
        value={selected}
        onChange={e => onRadio(e.target.value)}
      >
        {DURATION_PRESETS.map(minutes => (
          <FormControlLabel
            key={minutes}
            value={String(minutes)}
            control={<Radio color="primary" />}
            label={formatDuration(minutes)}
          />
        ))}
        <FormControlLabel
          value={CUSTOM}
          control={<Radio color="primary" />}
          label="Custom"
        />
      </RadioGroup>
      {custom && (
        <TextField
          id={minutesId}
          label="Minutes"
          type="number"
          value={customText}
          onChange={e => {
            setCustomText(e.target.value);
            onChange(
              e.target.value.trim() === '' ? undefined : Number(e.target.value),
            );
          }}
          inputProps={{ min: 1, step: 1 }}
          variant="outlined"
          margin="dense"
          style={{ maxWidth: 200 }}
          error={Boolean(error)}
        />
      )}
      {error && <FormHelperText>{error}</FormHelperText>}
    </FormControl>
  );
}
