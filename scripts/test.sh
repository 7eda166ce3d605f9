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

# `npm test`: every check the project has, in the order a failure is cheapest
# to find: type-check, API reports, lint, unit and integration tests (SQLite and the local
# PostgreSQL, moto for AWS), the short chaos run and soak (two replicas on
# PostgreSQL), then end-to-end tests in Chromium against the running demo.
# Ends with "N passed, N failed".
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/bootstrap.sh"
ensure_install || { echo "0 passed, 1 failed"; exit 1; }
cd "$ROOT"
mkdir -p test-results

passed=0
failed=0
failures=()
record() { # name, exit code
  if [ "$2" -eq 0 ]; then log "PASS $1"; else log "FAIL $1"; failures+=("$1"); fi
}

# Real PostgreSQL for the store tests: the machine's server on 127.0.0.1:5432.
export PG_CONNECTION_STRING="${PG_CONNECTION_STRING:-postgresql://postgres@127.0.0.1:5432/postgres}"
if ! node -e "const {Client}=require('pg');const c=new Client(process.env.PG_CONNECTION_STRING);c.connect().then(()=>c.end()).catch(()=>process.exit(1))" 2>/dev/null; then
  if command -v pg_ctlcluster >/dev/null && [ -d /etc/postgresql ]; then
    log "starting the local PostgreSQL"
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -1)" main start || true
  fi
fi
export BACKSTAGE_TEST_DATABASE_POSTGRES16_CONNECTION_STRING="$PG_CONNECTION_STRING"
export BACKSTAGE_TEST_DISABLE_DOCKER=1
export CI=true

log "type-check"
# Emits the declarations (dist-types/, git-ignored) that the API reports read,
# from scratch: left-over declarations reorder unions in the reports.
rm -rf dist-types
pnpm exec tsc -p . ; record "type-check" $?

log "API reports"
# Each published package's report.api.md must match its exports (update: pnpm build:api-reports).
pnpm exec backstage-repo-tools api-reports --ci -o ae-wrong-input-file-type,ae-undocumented plugins/*/ ; record "API reports" $?

log "lint"
# `repo fix --check`: each package's backstage role, pluginId, pluginPackage(s) as the CLI derives them.
pnpm exec backstage-cli repo lint && pnpm exec backstage-cli repo fix --check && node scripts/license-headers.mjs --check && node scripts/source-lengths.mjs ; record "lint" $?

log "prettier"
pnpm exec prettier --check . --loglevel warn ; record "prettier" $?

log "unit and integration tests"
pnpm exec backstage-cli repo test --json --outputFile="$ROOT/test-results/jest.json"
jest_status=$?
record "unit and integration tests" $jest_status
if [ -f test-results/jest.json ]; then
  read -r jp jf < <(node -e "const r=require('./test-results/jest.json');console.log(r.numPassedTests, r.numFailedTests + (r.numRuntimeErrorTestSuites||0))")
  passed=$((passed + jp)); failed=$((failed + jf))
elif [ $jest_status -ne 0 ]; then
  failed=$((failed + 1))
fi

# Two backend replicas on the local PostgreSQL, moto behind the counting
# proxy: the chaos harness's short run (100 grants, 5 SIGKILLs) and a short
# soak. Each is one test: its invariant checks (and the soak's bounds on
# revocation lag and RSS growth) pass or the step fails. After the jest run,
# never beside it: the replicas take PostgreSQL connections and CPU.
bench_step() { # name, log file, command...
  local name=$1 out=$2
  shift 2
  log "$name"
  "$@" >"$out" 2>&1
  local status=$?
  # The verdicts and the summary line: what failed is in there.
  grep -E '^(ok  |FAIL|       )|violation|took' "$out" | tail -n 30
  record "$name" $status
  if [ $status -eq 0 ]; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
}
bench_step "chaos (short)" test-results/chaos-short.log pnpm bench:chaos --short
bench_step "soak (short)" test-results/soak-short.log pnpm bench:soak --minutes 2 --grants 200 --max-rss-growth 250

log "end-to-end tests (demo + Chromium)"
bash scripts/e2e.sh
e2e_status=$?
record "end-to-end tests" $e2e_status
if [ -f test-results/e2e-summary.txt ]; then
  read -r ep ef < test-results/e2e-summary.txt
  passed=$((passed + ep)); failed=$((failed + ef))
elif [ $e2e_status -ne 0 ]; then
  failed=$((failed + 1))
fi

# A failing step that ran no counted test (type-check, lint, prettier) counts as one failure.
for step in "${failures[@]}"; do
  case "$step" in "type-check" | "API reports" | "lint" | "prettier") failed=$((failed + 1)) ;; esac
done

if [ ${#failures[@]} -gt 0 ]; then
  log "failed steps: ${failures[*]}"
fi
echo "$passed passed, $failed failed"
[ ${#failures[@]} -eq 0 ] && [ "$failed" -eq 0 ]
