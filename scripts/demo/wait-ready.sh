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

# Announces the demo's URL only once it is ready to use: the app and the
# backend answer, and the catalog holds every AWS resource the seed created
# (the first discovery has run). Writes .demo/ready then; scripts/e2e.sh
# waits for that file. Argument: the pid of the Backstage process group.
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../bootstrap.sh"
DEMO_DIR="$ROOT/.demo"
expected=$(cat "$DEMO_DIR/resource-count" 2>/dev/null || echo 1)
backend=http://localhost:7007
started=$(date +%s)
while kill -0 "$1" 2>/dev/null; do
  if curl -fsS "$backend/api/aws-access/health" >/dev/null 2>&1 &&
    curl -fsS http://localhost:3000 >/dev/null 2>&1; then
    token=$(curl -fsS -H 'X-Requested-With: XMLHttpRequest' \
      "$backend/api/auth/guest/refresh" 2>/dev/null |
      node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{try{console.log(JSON.parse(s).backstageIdentity.token)}catch{}})')
    if [ -n "$token" ]; then
      count=$(curl -fsS -H "Authorization: Bearer $token" \
        "$backend/api/catalog/entities/by-query?filter=kind=resource,metadata.annotations.aws.amazon.com/arn&limit=1" 2>/dev/null |
        node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{try{console.log(JSON.parse(s).totalItems??0)}catch{console.log(0)}})')
      if [ "${count:-0}" -ge "$expected" ]; then
        touch "$DEMO_DIR/ready"
        log "ready after $(($(date +%s) - started)) s: the catalog holds the demo's $count AWS resources"
        log "open http://localhost:3000 (sign in as guest; the AWS keys of the demo people are in .demo/aws-credentials)"
        exit 0
      fi
    fi
  fi
  sleep 1
done
