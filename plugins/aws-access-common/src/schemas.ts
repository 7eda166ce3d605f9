import { z } from 'zod/v3';
import { GRANT_STATES } from './types';
import { isBlankText, userTextProblem } from './userText';

/** Limits shared by the API and the request form, so both say the same. */
export const GRANT_LIMITS = {
  maxActions: 50,
  maxReasonLength: 500,
  maxCommentLength: 1000,
  defaultListLimit: 50,
  maxListLimit: 500,
} as const;

const durationMinutes = z
  .number({
    required_error: 'durationMinutes is required',
    invalid_type_error: 'durationMinutes must be a number',
  })
  .int('durationMinutes must be a whole number of minutes')
  .min(1, 'durationMinutes must be at least 1');

/** Free text other people read: see {@link userTextProblem}. */
const userText = (field: string, maxLength: number, required: boolean) =>
  z
    .string({
      required_error: `${field} is required`,
      invalid_type_error: `${field} must be a string`,
    })
    .trim()
    .max(maxLength, `${field} must be at most ${maxLength} characters`)
    .superRefine((text, ctx) => {
      const problem = userTextProblem(field, text, { required });
      if (problem) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: problem });
      }
    });

const reason = userText('reason', GRANT_LIMITS.maxReasonLength, true);

/** An optional note: one that shows nothing is no note at all. */
const optionalNote = (field: string, maxLength: number) =>
  userText(field, maxLength, false)
    .optional()
    .transform(text =>
      text === undefined || isBlankText(text) ? undefined : text,
    );

/** Body of `POST /grants`. Unknown fields are refused, not ignored. */
export const createGrantRequestSchema = z
  .object({
    resourceArn: z
      .string({
        required_error: 'resourceArn is required',
        invalid_type_error: 'resourceArn must be a string',
      })
      .min(1, 'resourceArn is required'),
    actions: z
      .array(z.string({ invalid_type_error: 'actions must be strings' }), {
        required_error: 'actions is required',
        invalid_type_error: 'actions must be an array of strings',
      })
      .min(1, 'actions must name at least one action')
      .max(
        GRANT_LIMITS.maxActions,
        `actions may name at most ${GRANT_LIMITS.maxActions} actions`,
      ),
    durationMinutes,
    reason,
    accountId: z
      .string({ invalid_type_error: 'accountId must be a string' })
      .regex(/^\d{12}$/, 'accountId must be 12 digits')
      .optional(),
    /**
     * Break-glass: approve one's own request in an emergency, where an
     * approval rule allows it (`breakGlass: true`). `confirmed` must be
     * `true`; the reason must be at least
     * {@link BREAK_GLASS_MIN_REASON_LENGTH} characters.
     */
    breakGlass: z
      .object(
        {
          confirmed: z.literal(true, {
            errorMap: () => ({
              message:
                'breakGlass.confirmed must be true: confirm that this is an emergency',
            }),
          }),
        },
        { invalid_type_error: 'breakGlass must be { confirmed: true }' },
      )
      .strict()
      .optional(),
  })
  .strict();

/** The shortest reason a break-glass request may give. */
export const BREAK_GLASS_MIN_REASON_LENGTH = 20;

/** Body of `POST /break-glass/reviews/:grantId`. */
export const breakGlassReviewRequestSchema = z
  .object({
    decision: z.enum(['confirm', 'flag'], {
      errorMap: () => ({ message: 'decision must be confirm or flag' }),
    }),
    comment: optionalNote('comment', GRANT_LIMITS.maxCommentLength),
  })
  .strict();

export type CreateGrantRequest = z.infer<typeof createGrantRequestSchema>;

/** Body of `POST /grants/:id/extend`. */
export const extendGrantRequestSchema = z
  .object({
    durationMinutes,
    reason: optionalNote('reason', GRANT_LIMITS.maxReasonLength),
  })
  .strict();

export type ExtendGrantRequest = z.infer<typeof extendGrantRequestSchema>;

/** Body of `POST /grants/:id/revoke`. */
export const revokeGrantRequestSchema = z
  .object({ reason: optionalNote('reason', GRANT_LIMITS.maxReasonLength) })
  .strict();

export type RevokeGrantRequest = z.infer<typeof revokeGrantRequestSchema>;

/** Body of `POST /grants/:id/approve` and `/reject`. */
export const decisionRequestSchema = z
  .object({
    comment: optionalNote('comment', GRANT_LIMITS.maxCommentLength),
  })
  .strict();

export type DecisionRequest = z.infer<typeof decisionRequestSchema>;

const oneOrMany = <T extends z.ZodTypeAny>(item: T) =>
  z.union([item, z.array(item)]).transform(v => (Array.isArray(v) ? v : [v]));

/** Query of `GET /grants`. */
export const listGrantsQuerySchema = z
  .object({
    state: oneOrMany(
      z.enum(GRANT_STATES, {
        errorMap: () => ({
          message: `state must be one of ${GRANT_STATES.join(', ')}`,
        }),
      }),
    ).optional(),
    requester: z.string().min(1).optional(),
    resourceArn: z.string().min(1).optional(),
    accountId: z
      .string()
      .regex(/^\d{12}$/, 'accountId must be 12 digits')
      .optional(),
    limit: z.coerce
      .number({ invalid_type_error: 'limit must be a number' })
      .int('limit must be a whole number')
      .min(1, 'limit must be at least 1')
      .max(
        GRANT_LIMITS.maxListLimit,
        `limit must be at most ${GRANT_LIMITS.maxListLimit}`,
      )
      .optional(),
    cursor: z.string().min(1).optional(),
  })
  .strict();

export type ListGrantsQuery = z.input<typeof listGrantsQuerySchema>;
export type ListGrantsFilter = z.output<typeof listGrantsQuerySchema>;

/**
 * Turns a zod failure into one sentence naming each bad field, so that API
 * errors and form messages read the same.
 */
export function describeZodError(error: z.ZodError): string {
  return error.issues
    .map(issue => {
      if (issue.code === 'unrecognized_keys') {
        return `unknown field(s): ${issue.keys.join(', ')}`;
      }
      const path = issue.path.join('.');
      return path && !issue.message.startsWith(String(issue.path[0]))
        ? `${path}: ${issue.message}`
        : issue.message;
    })
    .join('; ');
}
