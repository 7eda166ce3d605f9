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
import { Link } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import Alert from '@material-ui/lab/Alert';
import type {
  AwsAccount,
  OffboardResult,
} from '@backstage-aws-access/plugin-aws-access-common';
import { awsAccessApiRef } from '../../api';
import { useApiCall, useElementId } from '../../hooks';
import { DialogButton } from '../DialogButton';

/**
 * "Offboard" with a confirmation: revokes every active grant in the
 * account, then shows how to delete the stack, which removes the roles.
 */
export function OffboardButton(props: { account: AwsAccount }) {
  const { account } = props;
  const api = useApi(awsAccessApiRef);
  const [open, setOpen] = useState(false);
  const { busy, error, setError, run } = useApiCall();
  const [result, setResult] = useState<OffboardResult>();
  const titleId = useElementId('aws-access-offboard-title');

  const close = () => {
    if (!busy) {
      setOpen(false);
      setError(undefined);
      setResult(undefined);
    }
  };

  const offboard = () =>
    run(async () => setResult(await api.offboardAccount(account.accountId)));

  return (
    <>
      <DialogButton color="secondary" size="small" onOpen={() => setOpen(true)}>
        Offboard
      </DialogButton>
      <Dialog open={open} onClose={close} aria-labelledby={titleId}>
        <DialogTitle id={titleId}>
          Offboard {account.name} ({account.accountId})?
        </DialogTitle>
        <DialogContent>
          {result ? (
            <Alert severity="success">
              {result.instructions}{' '}
              <Link to={result.stacksUrl} target="_blank" rel="noopener">
                Open CloudFormation stacks
              </Link>
            </Alert>
          ) : (
            <DialogContentText>
              Every active grant in this account is revoked at once. Then delete
              the account's CloudFormation stack to remove Backstage's roles.
            </DialogContentText>
          )}
          {error && <Alert severity="error">{error}</Alert>}
        </DialogContent>
        <DialogActions>
          <Button onClick={close} disabled={busy}>
            {result ? 'Close' : 'Cancel'}
          </Button>
          {!result && (
            <Button
              onClick={offboard}
              color="secondary"
              variant="contained"
              disabled={busy}
            >
              Revoke all grants
            </Button>
          )}
        </DialogActions>
      </Dialog>
    </>
  );
}
