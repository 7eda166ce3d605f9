# Copyright 2026 The Backstage AWS Access Authors
#
# Licensed under the Apache License, Version 2.0 (the "License");
# you may not use this file except in compliance with the License.
# You may obtain a copy of the License at
#
#     http://www.apache.org/licenses/LICENSE-2.0
#
# Unless required by applicable law or agreed to in writing, software
# distributed under the License is distributed on an "AS IS" BASIS,
# WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
# See the License for the specific language governing permissions and
# limitations under the License.

"""Works around a moto 5.2.1 bug before the demo switches IAM enforcement on.

moto stores the inline policies of roles that CloudFormation creates as
Python dicts instead of JSON text; with IAM enforced, every request signed
by such a role (the onboarded accounts' BackstageAccessManager and
BackstageAccessReader) then fails with HTTP 500 (KeyError 'policy_document').
Putting each of those policies again, as the JSON it stands for, stores it
the way PutRolePolicy does. moto also names the Resource Groups Tagging
API's actions `tagging:*` where AWS says `tag:*`; each `tag:` action gets
its moto twin. And moto evaluates IAM actions against resource `*`, so
an Allow of `iam:` actions scoped to role ARNs (the manager role may
manage only roles under the grant path) never matches there: such Allow
statements name `*` in moto. moto ignores conditions, so a Deny that only
applies under a condition (the manager may not create a role *without* the
grant boundary) would deny always: such Deny statements are left out in
moto; unconditional Deny statements stay as they are. What the
manager role may do on AWS is checked with a policy simulator in the
plugin's tests, not with moto.

Usage: python3 moto_inline_policies.py ENDPOINT ACCOUNT_ID...
"""
import datetime
import json
import sys

import boto3


def python_literal(text):
    """The dict moto printed: literals, plus dates where YAML read a date (Version: 2012-10-17)."""
    return eval(text, {"__builtins__": {}, "datetime": datetime})  # noqa: S307 - moto's own output, local demo only


def with_moto_action_names(document):
    document["Statement"] = [
        s
        for s in document.get("Statement", [])
        if not (s.get("Effect") == "Deny" and s.get("Condition"))
    ]
    for statement in document["Statement"]:
        actions = statement.get("Action")
        if isinstance(actions, str):
            actions = [actions]
        if isinstance(actions, list):
            twins = [a.replace("tag:", "tagging:", 1) for a in actions if a.startswith("tag:")]
            statement["Action"] = actions + [t for t in twins if t not in actions]
            if statement.get("Effect") == "Allow" and any(
                a.startswith("iam:") for a in statement["Action"]
            ):
                statement["Resource"] = "*"
                statement.pop("Condition", None)
    return document


def in_account(client, account_id):
    def add_header(request, **_):
        request.headers["x-moto-account-id"] = account_id

    client.meta.events.register("before-sign.iam.*", add_header)
    return client


def main(endpoint, account_ids):
    for account_id in account_ids:
        iam = in_account(
            boto3.client(
                "iam",
                endpoint_url=endpoint,
                region_name="us-east-1",
                aws_access_key_id="testing",
                aws_secret_access_key="testing",
            ),
            account_id,
        )
        fixed = 0
        for page in iam.get_paginator("list_roles").paginate():
            for role in page["Roles"]:
                name = role["RoleName"]
                for policy_name in iam.list_role_policies(RoleName=name)["PolicyNames"]:
                    document = iam.get_role_policy(RoleName=name, PolicyName=policy_name)[
                        "PolicyDocument"
                    ]
                    if isinstance(document, dict):
                        continue  # stored as JSON already: made by PutRolePolicy
                    iam.put_role_policy(
                        RoleName=name,
                        PolicyName=policy_name,
                        PolicyDocument=json.dumps(
                            with_moto_action_names(python_literal(document)), default=str
                        ),
                    )
                    fixed += 1
        print(f"account {account_id}: {fixed} CloudFormation inline role policies stored as JSON")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
