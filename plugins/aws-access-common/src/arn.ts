/** The parts of an Amazon Resource Name. */
export interface ParsedArn {
  partition: string;
  service: string;
  /** Empty for global resources such as S3 buckets and IAM roles. */
  region: string;
  /** Empty for resources whose ARN carries no account (S3 buckets). */
  accountId: string;
  /** Everything after the fifth colon, e.g. `bucket-name` or `instance/i-123`. */
  resource: string;
}

const ARN_PATTERN =
  /^arn:(aws|aws-cn|aws-us-gov|aws-iso|aws-iso-b):([a-z0-9-]+):([a-z0-9-]*):(\d{12}|aws|):(.+)$/;

/**
 * Parses an ARN, or returns `undefined` when the text is not one.
 * Wildcards are refused here: a grant names one concrete resource.
 */
export function parseArn(text: string): ParsedArn | undefined {
  if (typeof text !== 'string' || text.length > 2048 || /[*?\s]/.test(text)) {
    return undefined;
  }
  const match = ARN_PATTERN.exec(text);
  if (!match) {
    return undefined;
  }
  const [, partition, service, region, accountId, resource] = match;
  return { partition, service, region, accountId, resource };
}

/** Builds an ARN from its parts; the inverse of {@link parseArn}. */
export function formatArn(arn: ParsedArn): string {
  return `arn:${arn.partition}:${arn.service}:${arn.region}:${arn.accountId}:${arn.resource}`;
}

/** The AWS console switch-role link for a role. */
export function switchRoleUrl(options: {
  accountId: string;
  roleName: string;
  displayName?: string;
}): string {
  const params = new URLSearchParams({
    roleName: options.roleName,
    account: options.accountId,
  });
  if (options.displayName) {
    params.set('displayName', options.displayName.slice(0, 64));
  }
  return `https://signin.aws.amazon.com/switchrole?${params.toString()}`;
}
