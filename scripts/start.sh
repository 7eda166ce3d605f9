#!/usr/bin/env bash
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

# `npm start`: the whole demo on this machine. Bootstraps Node 24 and pnpm if
# needed, installs, starts a local AWS (moto) on 127.0.0.1:4566, seeds it, and
# runs Backstage (app on :3000, backend on :7007) with guest sign-in.
# Ctrl-C stops everything it started.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/bootstrap.sh"

MOTO_PORT="${MOTO_PORT:-4566}"
DEMO_DIR="$ROOT/.demo"

port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

if ! command -v moto_server >/dev/null; then
  die "moto_server (the local AWS emulator) was not found on PATH.
  Install it with:   python3 -m pip install 'moto[server]'
  Or run against a real AWS account instead: put your accounts under 'awsAccess.accounts'
  in app-config.local.yaml (see README, 'Running against a real AWS account'), make AWS
  credentials available to the default chain (env, profile, instance/task role), and run:
      pnpm dev"
fi
for port in "$MOTO_PORT" 3000 7007; do
  if port_busy "$port"; then
    die "port $port is already in use (is another 'npm start' running?). Stop that process and try again:
      lsof -i :$port    or    fuser -k $port/tcp"
  fi
done

ensure_install || die "could not install the dependencies"

mkdir -p "$DEMO_DIR"
# Written by scripts/demo/wait-ready.sh once the demo is ready to use.
rm -f "$DEMO_DIR/ready"
# moto keeps its data in memory, so each start seeds a fresh AWS; grants recorded
# against an earlier AWS would point at roles that no longer exist.
rm -rf "$DEMO_DIR/db"
mkdir -p "$DEMO_DIR/db"

pids=()
cleanup() {
  trap - INT TERM EXIT
  log "stopping"
  for pid in "${pids[@]}"; do kill -TERM -- "-$pid" 2>/dev/null || true; done
  sleep 1
  for pid in "${pids[@]}"; do kill -KILL -- "-$pid" 2>/dev/null || true; done
}
trap cleanup INT TERM EXIT

log "starting local AWS (moto) on 127.0.0.1:$MOTO_PORT (log: .demo/moto.log)"
setsid moto_server -H 127.0.0.1 -p "$MOTO_PORT" >"$DEMO_DIR/moto.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 100); do port_busy "$MOTO_PORT" && break; sleep 0.2; done
port_busy "$MOTO_PORT" || die "moto did not start; see .demo/moto.log"

export AWS_ENDPOINT_URL="http://127.0.0.1:$MOTO_PORT"
export AWS_REGION=us-east-1 AWS_DEFAULT_REGION=us-east-1
export AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing
unset AWS_PROFILE AWS_SESSION_TOKEN
node "$ROOT/scripts/demo/seed.mjs"
node --require "$ROOT/node_modules/@backstage/cli-node/config/nodeTransform.cjs" "$ROOT/scripts/demo/onboard.ts"

# From here on the local AWS enforces IAM like AWS does: only keys of IAM
# users that exist answer, and each gets exactly what its policies allow.
# The backend signs as its own demo user (policy in scripts/demo/seed.mjs);
# the demo people's keys (.demo/aws-credentials) can only assume the grant
# roles that trust them.
# moto keeps CloudFormation-made inline role policies in a form its own
# IAM enforcement cannot read; store them as JSON first.
python3 "$ROOT/scripts/demo/moto_inline_policies.py" \
  "$AWS_ENDPOINT_URL" $(node -e 'const y=require("yaml").parse(require("fs").readFileSync(process.argv[1],"utf8"));console.log(y.accounts.map(a=>a.accountId).join(" "))' "$ROOT/examples/demo/aws-seed.yaml") ||
  die "could not prepare the local AWS for IAM enforcement"
curl -fsS -X POST -H 'Content-Type: text/plain' --data-binary 0 \
  "$AWS_ENDPOINT_URL/moto-api/reset-auth" >/dev/null ||
  die "could not switch on IAM enforcement in the local AWS"
set -a
# shellcheck disable=SC1091
source "$DEMO_DIR/backend.env"
set +a
# The grant page's AWS CLI snippet names the file with the demo people's keys.
export AWS_ACCESS_CLI_CREDENTIALS_FILE="$DEMO_DIR/aws-credentials"

log "starting Backstage (app :3000, backend :7007); the URL is announced once the catalog holds the demo's AWS resources"
cd "$ROOT"
# Adds app-config.demo.yaml (the demo's sign-in) after app-config.yaml; the
# production configuration never includes it.
export BACKSTAGE_ENV=demo
setsid pnpm exec backstage-cli repo start "$@" &
pids+=($!)
bash "$ROOT/scripts/demo/wait-ready.sh" "${pids[1]}" &
wait "${pids[1]}"
