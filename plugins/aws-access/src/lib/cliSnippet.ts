import { parseEntityRef } from '@backstage/catalog-model';
import { parseArn, type Grant } from 'backstage-plugin-aws-access-common';

/**
 * The `~/.aws/config` profile name for a grant: short, stable and unique
 * per grant so several grants can sit side by side.
 */
export function grantProfileName(grant: Pick<Grant, 'id'>): string {
  const short = grant.id.replace(/[^A-Za-z0-9]/g, '').slice(0, 8);
  return `aws-access-${short || 'grant'}`;
}

/**
 * The profile holding the requester's own credentials. The trust policy
 * names the requester's AWS principal, so the role is assumed with their
 * keys; by convention (and in the demo's `.demo/aws-credentials`) that
 * profile is named after the Backstage user.
 */
export function sourceProfileName(requester: string): string {
  try {
    return parseEntityRef(requester, { defaultKind: 'user' }).name;
  } catch {
    return 'default';
  }
}

/** A command that exercises what was granted, to try the grant at once. */
function exampleCommands(grant: Grant, profile: string): string[] {
  const arn = parseArn(grant.resourceArn);
  const commands = [`aws sts get-caller-identity --profile ${profile}`];
  if (arn?.service === 's3' && !arn.resource.includes('/')) {
    const bucket = arn.resource;
    if (grant.actions.includes('s3:ListBucket')) {
      commands.push(`aws s3 ls s3://${bucket} --profile ${profile}`);
    }
    if (grant.actions.includes('s3:GetObject')) {
      commands.push(
        `aws s3 cp s3://${bucket}/OBJECT_KEY ./OBJECT_KEY --profile ${profile}`,
      );
    }
    if (grant.actions.includes('s3:PutObject')) {
      commands.push(
        `aws s3 cp ./FILE s3://${bucket}/FILE --profile ${profile}`,
      );
    }
  }
  return commands;
}

/**
 * An AWS CLI recipe for a grant: a profile for `~/.aws/config` that assumes
 * the grant's role with the requester's own credentials, then commands that
 * use it. Returns undefined until the role exists.
 */
export function buildAwsCliSnippet(grant: Grant): string | undefined {
  if (!grant.roleArn) {
    return undefined;
  }
  const profile = grantProfileName(grant);
  const lines = [
    '# ~/.aws/config',
    `[profile ${profile}]`,
    `role_arn = ${grant.roleArn}`,
    `source_profile = ${sourceProfileName(grant.requester)}`,
    `role_session_name = ${sourceProfileName(grant.requester)}`,
  ];
  if (grant.region) {
    lines.push(`region = ${grant.region}`);
  }
  lines.push('', ...exampleCommands(grant, profile));
  return lines.join('\n');
}
