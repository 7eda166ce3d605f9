import { parseArn } from './arn';

describe('parseArn', () => {
  it('splits an ARN into its parts, keeping colons and slashes in the resource', () => {
    expect(parseArn('arn:aws:sqs:us-east-1:123456789012:orders')).toEqual({
      partition: 'aws',
      service: 'sqs',
      region: 'us-east-1',
      accountId: '123456789012',
      resource: 'orders',
    });
    expect(
      parseArn('arn:aws-cn:logs:cn-north-1:123456789012:log-group:/a/b'),
    ).toMatchObject({ partition: 'aws-cn', resource: 'log-group:/a/b' });
    expect(
      parseArn(
        'arn:aws-us-gov:dynamodb:us-gov-west-1:123456789012:table/t/index/i',
      ),
    ).toMatchObject({ partition: 'aws-us-gov', resource: 'table/t/index/i' });
  });

  it('takes global resources without region or account', () => {
    expect(parseArn('arn:aws:s3:::orders-bucket/reports/2026')).toEqual({
      partition: 'aws',
      service: 's3',
      region: '',
      accountId: '',
      resource: 'orders-bucket/reports/2026',
    });
  });

  it.each([
    ['a wildcard', 'arn:aws:s3:::orders-*'],
    ['a question mark', 'arn:aws:s3:::orders-?'],
    ['white space', 'arn:aws:s3:::orders bucket'],
    ['a short account id', 'arn:aws:sqs:us-east-1:12345:orders'],
    ['no resource', 'arn:aws:sqs:us-east-1:123456789012:'],
    ['not an ARN', 'orders-bucket'],
    ['an overlong ARN', `arn:aws:s3:::${'a'.repeat(2048)}`],
  ])('refuses %s', (_what, text) => {
    expect(parseArn(text)).toBeUndefined();
  });
});
