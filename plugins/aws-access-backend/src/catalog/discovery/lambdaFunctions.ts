import { LambdaClient, paginateListFunctions } from '@aws-sdk/client-lambda';
import type { DiscoveredResource, ResourceDiscoverer } from './types';
import { consoleHost } from './util';

/** Lambda functions: `ListFunctions` (50 a page), tags from the tagging API. */
export const lambdaFunctionDiscoverer: ResourceDiscoverer = {
  type: 'lambda-function',
  cloudFormationType: 'AWS::Lambda::Function',
  scope: 'regional',
  async list({ region, clientConfig, tagsByArn }) {
    const client = new LambdaClient(await clientConfig(region));
    const functions: Array<{ arn: string; name: string }> = [];
    try {
      for await (const page of paginateListFunctions(
        { client, pageSize: 50 },
        {},
      )) {
        for (const fn of page.Functions ?? []) {
          if (fn.FunctionArn && fn.FunctionName) {
            functions.push({ arn: fn.FunctionArn, name: fn.FunctionName });
          }
        }
      }
    } finally {
      client.destroy();
    }
    const tags = functions.length
      ? await tagsByArn(region, ['lambda:function'])
      : new Map();
    return functions.map(
      ({ arn, name }): DiscoveredResource => ({
        arn,
        name,
        region,
        tags: tags.get(arn) ?? {},
        consoleUrl: `https://${consoleHost(
          region,
        )}/lambda/home?region=${region}#/functions/${encodeURIComponent(name)}`,
      }),
    );
  },
};
