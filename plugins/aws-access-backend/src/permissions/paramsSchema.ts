import { CreatePermissionRuleOptions } from '@backstage/plugin-permission-node';
import { z } from 'zod/v4';
import { grantPermissionResourceRef } from './resource';

type GrantRuleParamsSchema<TParams> = NonNullable<
  CreatePermissionRuleOptions<
    typeof grantPermissionResourceRef,
    TParams & {}
  >['paramsSchema']
>;

/**
 * A rule's parameter schema in the form the permission framework wants: a
 * Standard Schema that also converts itself to JSON Schema (for the policy
 * metadata the permission backend serves). The zod in this package (3.25,
 * with zod 4 under `zod/v4`) validates as a Standard Schema but predates the
 * JSON Schema half of the interface, which `z.toJSONSchema` fills in.
 */
export function ruleParamsSchema<TSchema extends z.ZodType>(
  schema: TSchema,
): GrantRuleParamsSchema<z.output<TSchema>> {
  const toJsonSchema =
    (io: 'input' | 'output') =>
    ({ target }: { target: string }) =>
      z.toJSONSchema(schema, {
        io,
        target: target === 'draft-2020-12' ? 'draft-2020-12' : 'draft-7',
      }) as Record<string, unknown>;
  return {
    '~standard': {
      ...schema['~standard'],
      jsonSchema: {
        input: toJsonSchema('input'),
        output: toJsonSchema('output'),
      },
    },
  } as GrantRuleParamsSchema<z.output<TSchema>>;
}
