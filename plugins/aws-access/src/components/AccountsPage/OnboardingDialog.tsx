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

import { CodeSnippet, Link, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import type { AwsAccount } from '@backstage-aws-access/plugin-aws-access-common';
import useAsync from 'react-use/esm/useAsync';
import { awsAccessApiRef } from '../../api';
import { useElementId } from '../../hooks';
import { apiErrorMessage } from '../../lib/errors';

/**
 * The CloudFormation stack that connects an account: the template to review
 * and the console link that creates it.
 */
export function OnboardingDialog(props: {
  account: AwsAccount;
  onClose: () => void;
}) {
  const { account, onClose } = props;
  const api = useApi(awsAccessApiRef);
  const titleId = useElementId('aws-access-onboarding-title');
  const { value, loading, error } = useAsync(
    () => api.getOnboarding(account.accountId),
    [api, account.accountId],
  );

  return (
    <Dialog
      open
      onClose={onClose}
      aria-labelledby={titleId}
      maxWidth="md"
      fullWidth
    >
      <DialogTitle id={titleId}>
        Connect {account.name} ({account.accountId})
      </DialogTitle>
      <DialogContent>
        {loading && <Progress />}
        {error && <Alert severity="error">{apiErrorMessage(error)}</Alert>}
        {value && (
          <>
            <Typography variant="body2" paragraph>
              Create the CloudFormation stack <code>{value.stackName}</code> in
              this account. It creates{' '}
              {value.roles.map(r => r.name).join(' and ')}, trusted only by this
              Backstage backend; no access keys are involved. Delete the stack
              to revoke access.
            </Typography>
            <Typography variant="body2" paragraph>
              <Link to={value.quickCreateUrl} target="_blank" rel="noopener">
                Open the quick-create page in the AWS console
              </Link>{' '}
              (template version {value.templateVersion}). CloudFormation
              downloads the template from {value.templateUrl}, so that address
              must be reachable by AWS (for example an S3 object).
            </Typography>
            {value.roles.map(role => (
              <Typography key={role.name} variant="body2" paragraph>
                <strong>{role.name}</strong>: {role.summary}
              </Typography>
            ))}
            <CodeSnippet
              text={value.templateYaml}
              language="yaml"
              showCopyCodeButton
            />
          </>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Close</Button>
      </DialogActions>
    </Dialog>
  );
}
