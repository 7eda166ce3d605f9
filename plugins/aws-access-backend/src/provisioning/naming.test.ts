import { grantRoleName } from './naming';

const UUID = '0f8fad5b-d9cb-469f-a165-70867728950e';
const VALID = /^[\w+=,.@-]{1,64}$/;

describe('grantRoleName', () => {
  it.each([
    [undefined, `grant-${UUID}`],
    ['granted-bucket', `granted-bucket-${UUID}`],
    ['arn:aws:s3:::granted-bucket', `granted-bucket-${UUID}`],
    ['arn:aws:ec2:us-east-1:123456789012:instance/i-0abc', `i-0abc-${UUID}`],
    ['arn:aws:lambda:us-east-1:123456789012:function:resize', `resize-${UUID}`],
    ['my bucket (prod)', `my-bucket-prod-${UUID}`],
  ])('names a grant for %j %s', (hint, expected) => {
    expect(grantRoleName(UUID, hint)).toBe(expected);
  });

  it('shortens long hints to fit 64 characters and keeps the whole id', () => {
    const name = grantRoleName(UUID, 'a'.repeat(100));
    expect(name).toMatch(VALID);
    expect(name).toHaveLength(64);
    expect(name.endsWith(`-${UUID}`)).toBe(true);
  });

  it('hashes ids IAM would not accept, keeping names distinct', () => {
    const odd = grantRoleName('grant/with:odd#chars', 'bucket');
    const long = grantRoleName('x'.repeat(80), 'bucket');
    expect(odd).toMatch(VALID);
    expect(long).toMatch(VALID);
    expect(odd).not.toBe(grantRoleName('grant/with:odd#chars2', 'bucket'));
    expect(grantRoleName('grant/with:odd#chars', 'bucket')).toBe(odd);
  });
});
