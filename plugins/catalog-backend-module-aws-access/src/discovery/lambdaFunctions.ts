import { LambdaClient, paginateListFunctions } from '@aws-sdk/client-lambda';
import type { ResourceDiscoverer } from '@backstage-aws-access/plugin-aws-access-node';
import { collectPages, consoleHost, withTaggingApiTags } from './util';

/** Lambda functions: `ListFunctions` (50 a page), tags from the tagging API. */
export const lambdaFunctionDiscoverer: ResourceDiscoverer = {
  type: 'lambda-function',
  cloudFormationType: 'AWS::Lambda::Function',
  scope: 'regional',
  async list(context) {
    const { region, clientConfig } = context;
    const client = new LambdaClient(await clientConfig(region));
    const functions = await collectPages(
      client,
      paginateListFunctions({ client, pageSize: 50 }, {}),
      page =>
        (page.Functions ?? []).flatMap(fn =>
          fn.FunctionArn && fn.FunctionName
            ? [{ arn: fn.FunctionArn, name: fn.FunctionName }]
            : [],
        ),
    );
    return withTaggingApiTags(
      context,
      ['lambda:function'],
      functions.map(({ arn, name }) => ({
        arn,
        name,
        consoleUrl: `https://${consoleHost(
          region,
        )}/lambda/home?region=${region}#/functions/${encodeURIComponent(name)}`,
      })),
    );
  },
};
