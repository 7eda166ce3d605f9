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
import { CodeSnippet, Link } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import type { NewAccountOnboarding } from '@backstage-aws-access/plugin-aws-access-common';
import { awsAccessApiRef } from '../../api';
import { useApiCall, useElementId } from '../../hooks';
import { ErrorAlert } from '../ErrorAlert';

/** The optional details of a new account, beside its required ID. */
const DETAIL_FIELDS = [
  { key: 'name', label: 'Name', helperText: 'How people see it, e.g. staging' },
  { key: 'region', label: 'Region', helperText: 'Where its resources are' },
] as const;

/**
 * "Add an account": for a 12-digit account ID, the CloudFormation stack
 * that connects it (template download and the CLI command), then the
 * config entry to paste once the stack exists.
 */
export function AddAccountDialog(props: { onClose: () => void }) {
  const api = useApi(awsAccessApiRef);
  const titleId = useElementId('aws-access-add-account-title');
  const [accountId, setAccountId] = useState('');
  const [details, setDetails] = useState({ name: '', region: 'us-east-1' });
  const { busy, error, setError, run } = useApiCall();
  const [result, setResult] = useState<NewAccountOnboarding>();
  const idError =
    accountId && !/^\d{12}$/.test(accountId.trim())
      ? 'The AWS account ID is 12 digits'
      : undefined;

  const generate = () =>
    run(async () => {
      setResult(
        await api.prepareNewAccount!({
          accountId: accountId.trim(),
          name: details.name.trim() || undefined,
          region: details.region.trim() || undefined,
        }),
      );
    });

  const download =
    result &&
    `data:application/x-yaml;charset=utf-8,${encodeURIComponent(
      result.templateYaml,
    )}`;

  return (
    <Dialog
      open
      onClose={props.onClose}
      aria-labelledby={titleId}
      maxWidth="md"
      fullWidth
    >
      <DialogTitle id={titleId}>Add an AWS account</DialogTitle>
      <DialogContent>
        {!result && (
          <>
            <Typography variant="body2" paragraph>
              Backstage reaches an account through two roles that a
              CloudFormation stack creates there: a manager for the short-lived
              grant roles and a reader for discovery. Both trust only this
              Backstage backend.
            </Typography>
            <Box display="flex" flexWrap="wrap" style={{ gap: 16 }}>
              <TextField
                id={`${titleId}-id`}
                label="AWS account ID"
                value={accountId}
                onChange={e => {
                  setAccountId(e.target.value);
                  setError(undefined);
                }}
                error={Boolean(idError)}
                helperText={idError ?? '12 digits'}
                required
              />
              {DETAIL_FIELDS.map(field => (
                <TextField
                  key={field.key}
                  id={`${titleId}-${field.key}`}
                  label={field.label}
                  value={details[field.key]}
                  onChange={e =>
                    setDetails({ ...details, [field.key]: e.target.value })
                  }
                  helperText={field.helperText}
                />
              ))}
            </Box>
            <ErrorAlert error={error} mt={2} />
          </>
        )}
        {result && (
          <>
            <Typography variant="subtitle2" gutterBottom>
              1. Create the stack in account {result.accountId}
            </Typography>
            <Typography variant="body2" paragraph>
              <Button
                variant="outlined"
                size="small"
                component="a"
                href={download ?? ''}
                {...{ download: `${result.stackName}.yaml` }}
              >
                Download the template
              </Button>{' '}
              and create the stack <code>{result.stackName}</code> from it in
              the{' '}
              <Link
                to={`https://console.aws.amazon.com/cloudformation/home?region=${result.region}#/stacks/create`}
                target="_blank"
                rel="noopener"
              >
                CloudFormation console
              </Link>
              {result.externalId && (
                <>
                  {' '}
                  with the parameter ExternalId <code>{result.externalId}</code>
                </>
              )}
              , or with the AWS CLI:
            </Typography>
            <CodeSnippet
              text={result.createStackCommand}
              language="bash"
              showCopyCodeButton
            />
            <Box mt={2}>
              <Typography variant="subtitle2" gutterBottom>
                2. Add the account to the app config and restart Backstage
              </Typography>
              <CodeSnippet
                text={result.configYaml}
                language="yaml"
                showCopyCodeButton
              />
            </Box>
          </>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onClose}>{result ? 'Done' : 'Cancel'}</Button>
        {!result && (
          <Button
            color="primary"
            variant="contained"
            disabled={busy || !/^\d{12}$/.test(accountId.trim())}
            onClick={generate}
          >
            {busy ? 'Generating…' : 'Generate the stack'}
          </Button>
        )}
      </DialogActions>
    </Dialog>
  );
}
