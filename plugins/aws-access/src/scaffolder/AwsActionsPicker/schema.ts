import { makeFieldSchema } from '@backstage/plugin-scaffolder-react';

/** The default name of the form field that holds the chosen resource. */
export const DEFAULT_RESOURCE_FIELD = 'resource';

/**
 * `AwsActionsPicker` returns the chosen IAM actions; `resourceField` names
 * the sibling field (usually an `EntityPicker`) whose entity's actions to
 * offer.
 *
 * @public
 */
export const AwsActionsPickerFieldSchema = makeFieldSchema({
  output: z => z.array(z.string()),
  uiOptions: z =>
    z.object({
      resourceField: z
        .string()
        .optional()
        .describe(
          `Name of the form field holding the AWS resource's entity ref, e.g. an EntityPicker. Defaults to "${DEFAULT_RESOURCE_FIELD}".`,
        ),
    }),
});

/** @public */
export type AwsActionsPickerProps = typeof AwsActionsPickerFieldSchema.TProps;
