import { AuthService } from '@backstage/backend-plugin-api';
import { AwsAccessApi } from '@backstage-aws-access/plugin-aws-access-common';

/** What every aws-access scaffolder action needs. */
export interface AwsAccessActionOptions {
  /** The aws-access REST API; its calls carry the template user's token. */
  api: AwsAccessApi;
  /** Issues those tokens, on behalf of the user who runs the template. */
  auth: AuthService;
}
