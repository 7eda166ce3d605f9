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

import { ReactNode } from 'react';
import { InfoCard } from '@backstage/core-components';
import LinearProgress from '@material-ui/core/LinearProgress';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';

/**
 * The frame of a request's preview: a bar while it is checked, a hint
 * before there is anything to check, why the request would be refused, or
 * the preview itself.
 */
export function PreviewCard(props: {
  testId: string;
  loading?: boolean;
  error?: string;
  /** What to fill in first, while there is no preview. */
  hint: string;
  children?: ReactNode;
}) {
  const { testId, loading, error, hint, children } = props;
  return (
    <section aria-label="Preview of the request" data-testid={testId}>
      <InfoCard title="Before you request" noPadding={false}>
        {loading && <LinearProgress aria-label="Checking the request" />}
        {!children && !error && !loading && (
          <Typography variant="body2" color="textSecondary">
            {hint}
          </Typography>
        )}
        {error && (
          <Alert severity="warning" role="status">
            {error}
          </Alert>
        )}
        {children && !error && children}
      </InfoCard>
    </section>
  );
}
