/*
 * Copyright 2026 The Backstage AWS Access Authors
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';
import { HumanDuration } from '@backstage/types';

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
      /** The account's partition: `aws` (default), `aws-cn`, `aws-us-gov`, ... */
      partition?: string;
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
       * Principals trusted by grant roles when the requester's user entity
       * names no `aws.amazon.com/principal-arn` at all. Used only when
       * `awsAccess.principals.allowFallback` is true, logged and recorded on
       * the grant each time; never the backend's own principal or roles.
       * Everyone who can assume these can use such a grant.
       */
      trustPrincipalArns?: string[];
    }>;
    /** Which resources may be granted on. */
    inventory?: {
      /**
       * Only resources the catalog holds, as AWS resource entities of a
       * trusted provider, or sub-resources of them (`bucket/reports/*`).
       * Default true. Off, any ARN matching its service's IAM pattern in a
       * configured account may be asked for.
       */
      required?: boolean;
      /**
       * `backstage.io/managed-by-location` prefixes of the providers whose
       * resource entities count. Default `['aws-access:aws-access-resources']`
       * (this plugin's discovery). The catalog sets that annotation itself
       * on entities from registered files, so nobody can claim it there.
       */
      trustedLocations?: string[];
    };
    /** Whose AWS principals a grant role may trust. */
    principals?: {
      /** Accounts annotated principals may live in. Default: the configured accounts. */
      allowedAccountIds?: string[];
      /** Let `accounts[].trustPrincipalArns` stand in for users without principals. Default false. */
      allowFallback?: boolean;
    };
    /** How much one person, or one account, may hold at once. */
    limits?: {
      /** Pending, provisioning and active grants per user. Default 20. */
      maxLiveGrantsPerUser?: number;
      /** Requests per user waiting for approval. Default 5. */
      maxPendingRequestsPerUser?: number;
      /** Pending, provisioning and active grants per account. Default 1000. */
      maxLiveGrantsPerAccount?: number;
      /**
       * Longest a grant may last from approval to its last expiry,
       * extensions included. Default twice `maxDurationMinutes`.
       */
      maxTotalLifetime?: HumanDuration | string;
    };
    /**
     * What the AWS CLI snippet on a grant's page names (see the README,
     * "Using a grant from the AWS CLI").
     */
    cli?: {
      /** Endpoint of a local AWS (the demo). Default: the backend's `AWS_ENDPOINT_URL`. */
      endpointUrl?: string;
      /** File holding the requester's own keys. Default `~/.aws/credentials`. */
      credentialsFile?: string;
      /** Profile holding the requester's own keys. Default: the user's name. */
      sourceProfile?: string;
      /** Region for resources whose ARN names none (S3). Default: the first account's first region. */
      region?: string;
      /**
       * How long after activation the grant page says AWS may still refuse
       * the new role (IAM is eventually consistent). Default 15 seconds.
       */
      propagationDelay?: HumanDuration | string;
    };
    /** IAM path of the roles the engine creates. Default `/backstage-access/`. */
    rolePath?: string;
    /**
     * Names this Backstage installation in AWS. Every grant role carries it
     * in the `backstage-access:installation` tag, and the reconciler only
     * removes leftover roles that carry this installation's id, so two
     * installations sharing an account (say staging and production) never
     * delete each other's roles. Default: `backend.baseUrl`, which differs
     * between installations; set it explicitly before changing that URL, or
     * leftover roles of the old URL are no longer cleaned up. 1 to 128
     * letters, digits, spaces or `_.:/=+-@`.
     */
    installationId?: string;
    /**
     * Account onboarding: the CloudFormation stack that creates the
     * BackstageAccessManager and BackstageAccessReader roles in each account.
     * The roles trust exactly the identity the backend runs as; set one of
     * `backendPrincipalArn` or `eks`.
     */
    onboarding?: {
      /**
       * The backend's IAM role (ECS task role, EC2 instance role, or any
       * role), e.g. `arn:aws:iam::111122223333:role/backstage`. The roles
       * trust it together with the account's `externalId`.
       */
      backendPrincipalArn?: string;
      /** The backend runs on EKS with IAM roles for service accounts (web identity). */
      eks?: {
        /** The cluster's OIDC issuer, e.g. `https://oidc.eks.eu-west-1.amazonaws.com/id/ABC`. */
        oidcIssuer: string;
        /** The backend's service account, `namespace/name`. */
        serviceAccount: string;
        /** Create the issuer's IAM OIDC provider in the stack. Default true. */
        createOidcProvider?: boolean;
      };
      /** CloudFormation stack name in the quick-create link. Default `backstage-access`. */
      stackName?: string;
      /**
       * Where CloudFormation downloads the template (an S3 object URL the
       * console accepts); `{accountId}` is replaced. Default: this backend's
       * `/api/aws-access/onboarding/{accountId}/template.yaml`, which only
       * works when AWS can reach the backend. That default link is signed
       * and expires after an hour; a configured URL is used as it is.
       */
      templateUrl?: string;
      /**
       * Key (at least 32 characters) that signs the default template links.
       * Optional: without it a random key is created once and kept in the
       * plugin's database, which every replica shares.
       * @visibility secret
       */
      signingKey?: string;
    };
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
    /**
     * Who must approve a request before its role is created.
     *
     * Each request is checked against `rules` in order and the first rule
     * whose every given matcher holds decides; a matcher that is left out
     * matches any request. A request that no rule matches is approved at
     * once. So the default (no rules) approves every request at once, which
     * is how the plugin behaves without this section.
     *
     * A requester never approves their own request, and one person's
     * approval counts once, whatever `count` says.
     */
    approval?: {
      /** Pending requests end `rejected` after this long, in whole minutes. Default 24 hours. */
      pendingTimeout?: HumanDuration | string;
      rules?: Array<{
        /** Matches requests in these accounts (12-digit ids). */
        accountIds?: string[];
        /**
         * Matches resources whose catalog owner is one of these entity refs
         * (`team-a` means `group:default/team-a`).
         */
        resourceOwners?: string[];
        /** Matches resources that carry every one of these tags with exactly this value. */
        resourceTags?: { [key: string]: string };
        /**
         * Matches when the highest access level among the requested actions
         * is one of these. From lowest to highest: `List`, `Read`, `Tagging`,
         * `Write`, `Permissions management`.
         */
        accessLevels?: Array<
          'List' | 'Read' | 'Tagging' | 'Write' | 'Permissions management'
        >;
        /**
         * `auto`: approved at once. `owner`: members of the resource's owner
         * (from the catalog) approve; a resource without an owner cannot be
         * requested under such a rule. `groups`: members of `groups` approve.
         */
        approvers: 'auto' | 'owner' | 'groups';
        /** Group entity refs whose members approve, with `approvers: groups`. */
        groups?: string[];
        /** How many different people must approve. Default 1. */
        count?: number;
        /**
         * Break-glass: in an emergency the requester may approve their own
         * request under this rule (`owner` or `groups` rules only), with a
         * reason of at least 20 characters and an explicit confirmation.
         * Every approver of the rule is notified at once, the duration is
         * capped by `awsAccess.breakGlass.maxDurationMinutes`, and the grant
         * waits in a review queue for an approver to confirm or flag it.
         */
        breakGlass?: boolean;
      }>;
    };
    /** Limits of break-glass self-approval (see `approval.rules[].breakGlass`). */
    breakGlass?: {
      /** Longest a break-glass grant may last. Default 60. */
      maxDurationMinutes?: number;
      /** Break-glass grants per user within `period`. Default 2. */
      maxPerUser?: number;
      /** The period `maxPerUser` counts over. Default 7 days. */
      period?: HumanDuration | string;
    };
    /** Notifications to approvers and requesters (needs the notifications backend). */
    notifications?: {
      /** Warn the requester this long before a grant expires, in whole minutes. 0 turns it off. Default 15 minutes. */
      expiryWarning?: HumanDuration | string;
    };
  };
}
