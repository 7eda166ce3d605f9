import { CodeSnippet } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import type { Grant } from 'backstage-plugin-aws-access-common';
import { buildAwsCliSnippet, sourceProfileName } from '../../lib/cliSnippet';

/**
 * How to use a grant from a terminal: an `~/.aws/config` profile that
 * assumes the grant's role with the requester's own credentials.
 */
export function AwsCliSnippet(props: { grant: Grant }) {
  const snippet = buildAwsCliSnippet(props.grant);
  if (!snippet) {
    return null;
  }
  return (
    <section aria-label="AWS CLI">
      <Typography variant="subtitle2" component="h3" gutterBottom>
        AWS CLI
      </Typography>
      <Typography variant="body2" color="textSecondary" paragraph>
        Add this profile to your AWS config. It assumes the grant's role with
        the credentials of your own profile{' '}
        <code>{sourceProfileName(props.grant.requester)}</code>.
      </Typography>
      <CodeSnippet
        text={snippet}
        language="bash"
        showCopyCodeButton
        customStyle={{ margin: 0 }}
      />
    </section>
  );
}
