import { makeGrant, ROLE_ARN } from '../__testUtils__';
import { buildAwsCliSnippet, grantProfileName } from './cliSnippet';

describe('buildAwsCliSnippet', () => {
  it('writes a profile that assumes the role with the requester’s profile', () => {
    const grant = makeGrant({ actions: ['s3:GetObject', 's3:ListBucket'] });
    const snippet = buildAwsCliSnippet(grant)!;
    const profile = grantProfileName(grant);
    expect(profile).toBe('aws-access-3f2a9c1e');
    expect(snippet).toContain(`[profile ${profile}]`);
    expect(snippet).toContain(`role_arn = ${ROLE_ARN}`);
    expect(snippet).toContain('source_profile = guest');
    expect(snippet).toContain('region = us-east-1');
    expect(snippet).toContain(
      `aws s3 ls s3://demo-reports --profile ${profile}`,
    );
    expect(snippet).toContain('aws s3 cp s3://demo-reports/OBJECT_KEY');
    expect(snippet).not.toContain('./FILE');
  });

  it('offers only commands the grant allows', () => {
    const snippet = buildAwsCliSnippet(
      makeGrant({ actions: ['s3:GetObject'] }),
    )!;
    expect(snippet).not.toContain('aws s3 ls');
  });

  it('has nothing to say before the role exists', () => {
    expect(
      buildAwsCliSnippet(makeGrant({ roleArn: undefined })),
    ).toBeUndefined();
  });
});
