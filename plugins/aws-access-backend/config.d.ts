import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  /** Self-service, time-bound AWS IAM access (the aws-access plugins). */
  awsAccess?: {
    /** The AWS accounts grants may target. */
    accounts: Array<{
      /** The 12-digit AWS account id. */
      accountId: string;
      /** A human name, shown in the UI (e.g. `sandbox`). */
      name: string;
      /** Regions whose resources may be requested and discovered. */
      regions: string[];
      /**
       * Role the backend assumes to create and delete grant roles. Optional:
       * without it the default credential chain is used (env, ECS task role,
       * EC2 instance role, EKS web identity).
       */
      managerRoleArn?: string;
      /**
       * External id passed when assuming the manager and reader roles.
       * @visibility secret
       */
      externalId?: string;
      /** Role the backend assumes to discover resources (read-only). */
      readerRoleArn?: string;
      /**
       * Principals trusted by grant roles when the requester's user entity has
       * no `aws.amazon.com/principal-arn` annotation for this account.
       */
      trustPrincipalArns?: string[];
    }>;
    /** IAM path of the roles the engine creates. Default `/backstage-access/`. */
    rolePath?: string;
    /** Longest grant, in minutes. Default 720 (12 hours). */
    maxDurationMinutes?: number;
    /**
     * Allow `service:*` or `*` actions. Default false: a grant names each
     * action it needs.
     */
    allowWildcardActions?: boolean;
    /** Groups (entity refs) whose members may revoke or extend any grant. */
    adminGroups?: string[];
    /** Expiry, reconciliation and discovery schedules. */
    schedules?: {
      /** Periodic sweep that revokes expired grants. Default every 30 seconds. */
      expirySweep?: SchedulerServiceTaskScheduleDefinitionConfig;
      /** Removes roles under the role path that no active grant owns. Default every 10 minutes. */
      reconciler?: SchedulerServiceTaskScheduleDefinitionConfig;
    };
    /** Catalog discovery of AWS resources (the catalog module). */
    catalog?: {
      /** Turn resource discovery off. Default true when accounts are configured. */
      enabled?: boolean;
      /** Tag whose value names the owner entity. Default `owner`. */
      ownerTag?: string;
      /** Owner when the tag is absent. Default `group:default/unowned`. */
      defaultOwner?: string;
      /** Tag whose value names the system entity. Default `system`. */
      systemTag?: string;
      /** Further resource types, by CloudFormation type name, found through the Resource Groups Tagging API. */
      additionalResourceTypes?: string[];
      /** Discovery schedule. Default every 30 minutes. */
      schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
    };
    /** See the approvals documentation; default auto-approval. */
    approval?: {
      /** Pending requests end `rejected` after this long. Default 24 hours. */
      pendingTimeoutMinutes?: number;
      rules?: Array<{
        accountIds?: string[];
        resourceOwners?: string[];
        resourceTags?: { [key: string]: string };
        /** Highest access level among the requested actions this rule applies to. */
        accessLevels?: string[];
        /** `auto`, `owner`, or `groups`. */
        approvers: string;
        groups?: string[];
        count?: number;
      }>;
    };
  };
}
