import { ConfigReader } from '@backstage/config';
import { readAwsAccessConfig } from './AwsAccessConfig';

const read = (config: object) =>
  readAwsAccessConfig(new ConfigReader(config)).installationId;

describe('awsAccess.installationId', () => {
  it('is what the config says', () => {
    expect(
      read({
        backend: { baseUrl: 'https://backstage.example.com' },
        awsAccess: { installationId: 'backstage-prod' },
      }),
    ).toBe('backstage-prod');
  });

  it('defaults to backend.baseUrl, so two installations differ without anyone setting it', () => {
    expect(
      read({ backend: { baseUrl: 'https://backstage.example.com/' } }),
    ).toBe('https://backstage.example.com');
    expect(
      read({ backend: { baseUrl: 'https://backstage-staging.example.com' } }),
    ).toBe('https://backstage-staging.example.com');
  });

  it('is "default" with neither set', () => {
    expect(read({})).toBe('default');
  });

  it.each(['', 'has,comma', 'x'.repeat(129), 'quote"s'])(
    'refuses %j, which would not be a valid IAM tag value',
    installationId => {
      expect(() => read({ awsAccess: { installationId } })).toThrow(
        /awsAccess.installationId/,
      );
    },
  );
});
