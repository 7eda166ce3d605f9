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

import { CodeSnippet } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import {
  buildAwsCliSnippet,
  type Grant,
} from '@backstage-aws-access/plugin-aws-access-common';
import { useNow } from '../../hooks/useNow';

/**
 * How to use a grant from a terminal, in two blocks with a copy button
 * each: the profile for `~/.aws/config`, then the commands. Both come from
 * `buildAwsCliSnippet` in `-common`, which the scaffolder output and the
 * README use too.
 */
export function AwsCliSnippet(props: { grant: Grant }) {
  // Refreshes `--duration-seconds` as the grant's time runs down.
  const now = useNow(60_000);
  const snippet = buildAwsCliSnippet(props.grant, { now: new Date(now) });
  if (!snippet) {
    return null;
  }
  return (
    <section aria-label="AWS CLI">
      <Typography variant="subtitle2" component="h3" gutterBottom>
        AWS CLI
      </Typography>
      <Typography variant="body2" color="textSecondary" paragraph>
        1. Add this profile to <code>~/.aws/config</code>. It assumes the
        grant's role with your own keys, profile{' '}
        <code>{snippet.sourceProfile}</code> in{' '}
        <code>{snippet.credentialsFile}</code>, for{' '}
        {Math.round(snippet.durationSeconds / 60)} minutes at a time.
      </Typography>
      <CopyableBlock
        testId="aws-cli-config"
        text={snippet.config}
        language="ini"
      />
      <Typography
        variant="body2"
        color="textSecondary"
        paragraph
        style={{ marginTop: 16 }}
      >
        2. Then run:
      </Typography>
      <CopyableBlock
        testId="aws-cli-commands"
        text={snippet.commands}
        language="bash"
      />
    </section>
  );
}

function CopyableBlock(props: {
  testId: string;
  text: string;
  language: 'ini' | 'bash';
}) {
  return (
    <div data-testid={props.testId}>
      <CodeSnippet
        text={props.text}
        language={props.language}
        showCopyCodeButton
        customStyle={{ margin: 0 }}
      />
    </div>
  );
}
