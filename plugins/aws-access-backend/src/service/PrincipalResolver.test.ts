import { Entity } from '@backstage/catalog-model';
import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AccountConfig } from '../config/AwsAccessConfig';
import { PrincipalResolver } from './PrincipalResolver';

const user = (name: string, principals?: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'User',
  metadata: {
    name,
    annotations: principals
      ? { 'aws.amazon.com/principal-arn': principals }
      : undefined,
  },
  spec: {},
});

const account = (accountId: string, trust: string[] = []): AccountConfig => ({
  accountId,
  name: accountId,
  regions: ['us-east-1'],
  trustPrincipalArns: trust,
});

describe('PrincipalResolver', () => {
  const resolver = new PrincipalResolver({
    catalog: catalogServiceMock({
      entities: [
        user(
          'dana',
          'arn:aws:iam::111111111111:user/dana, arn:aws:iam::222222222222:role/dana-sso',
        ),
        user('erin', 'arn:aws:iam::111111111111:user/erin'),
        user('frank'),
      ],
    }),
    auth: mockServices.auth(),
    logger: mockServices.logger.mock(),
  });

  it('trusts only the principal in the target account when the user has one there', async () => {
    await expect(
      resolver.resolve('user:default/dana', account('222222222222')),
    ).resolves.toEqual(['arn:aws:iam::222222222222:role/dana-sso']);
  });

  it("trusts the user's identity-account principal across accounts, not the account fallback", async () => {
    await expect(
      resolver.resolve(
        'user:default/erin',
        account('333333333333', ['arn:aws:iam::333333333333:role/Everyone']),
      ),
    ).resolves.toEqual(['arn:aws:iam::111111111111:user/erin']);
  });

  it('falls back to the account trust principals for a user without the annotation', async () => {
    await expect(
      resolver.resolve(
        'user:default/frank',
        account('333333333333', ['arn:aws:iam::333333333333:role/Devs']),
      ),
    ).resolves.toEqual(['arn:aws:iam::333333333333:role/Devs']);
  });

  it('refuses with a 400 naming the annotation when nobody could assume the role', async () => {
    await expect(
      resolver.resolve('user:default/frank', account('333333333333')),
    ).rejects.toThrow(/aws\.amazon\.com\/principal-arn/);
  });
});
