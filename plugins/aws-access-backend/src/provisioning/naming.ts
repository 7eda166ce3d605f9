import { createHash } from 'node:crypto';
import { parseArn } from 'backstage-plugin-aws-access-common';

/** IAM: role names are 1 to 64 characters of `[\w+=,.@-]`. */
const MAX_ROLE_NAME_LENGTH = 64;
const NOT_ALLOWED = /[^\w+=,.@-]+/g;

/**
 * Name of the one inline policy on every grant role. Fixed, so that the
 * reconciler can tell the engine's policy from one added by hand.
 */
export const GRANT_POLICY_NAME = 'backstage-access-grant';

function clean(text: string): string {
  return text
    .replace(NOT_ALLOWED, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '');
}

/** `granted-bucket` from a bucket ARN, `i-0abc` from an instance ARN. */
function readableName(hint: string): string {
  const parsed = parseArn(hint);
  if (!parsed) {
    return hint;
  }
  const segments = parsed.resource.split(/[/:]/).filter(Boolean);
  return segments[segments.length - 1] ?? parsed.service;
}

/**
 * The IAM role name of a grant: readable in the console and in the
 * switch-role link (`granted-bucket-<grant id>`), always valid for IAM, and
 * unique because it ends in the whole grant id. The hint (a resource name or
 * ARN) is shortened to fit; an overlong or odd grant id is replaced by a
 * hash of it.
 */
export function grantRoleName(grantId: string, resourceHint?: string): string {
  let id = clean(grantId);
  if (!id || id !== grantId || id.length > MAX_ROLE_NAME_LENGTH - 8) {
    // Keep uniqueness when cleaning changed the id or it is too long.
    id = `g${createHash('sha256').update(grantId).digest('hex').slice(0, 32)}`;
  }
  const room = MAX_ROLE_NAME_LENGTH - id.length - 1;
  const hint = clean(readableName(resourceHint ?? 'grant').slice(0, room));
  return hint ? `${hint}-${id}` : id;
}
