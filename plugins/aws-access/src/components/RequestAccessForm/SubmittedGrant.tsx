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
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import type { Grant } from '@backstage-aws-access/plugin-aws-access-common';
import { useGrant } from '../../hooks';
import { GrantDetails } from '../GrantDetails';

/**
 * The grant just requested, followed live from `requested` to `active` (or
 * `failed`, with the cause), starting from what `POST /grants` answered.
 */
export function SubmittedGrant(props: {
  initial: Grant;
  onRequestAnother: () => void;
}) {
  const { initial, onRequestAnother } = props;
  const live = useGrant(initial.id);
  const grant = live.value ?? initial;

  return (
    <Box>
      {live.loading && !live.value && <Progress />}
      {live.error && <ResponseErrorPanel error={live.error} />}
      <GrantDetails grant={grant} onChange={live.refresh} />
      <Button variant="text" color="primary" onClick={onRequestAnother}>
        Request other access
      </Button>
    </Box>
  );
}
