#!/usr/bin/env bash
# Installs the pinned EVM tooling (evm/package-lock.json: solc-js and Foundry's anvil) into
# evm/node_modules when it is missing or older than the lockfile. Needs Node.js 20 or newer and
# the npm registry; nothing else is downloaded, then or at run time.
set -euo pipefail
root=$(cd -P -- "$(dirname -- "$(readlink -f -- "${BASH_SOURCE[0]}")")/.." >/dev/null && pwd)
evm="$root/evm"
if ! command -v node >/dev/null 2>&1; then
    echo "evm-tools: Node.js 20 or newer is needed for the on-chain tests and 'comet chain' (no 'node' on the PATH)" >&2
    exit 1
fi
major=$(node -p 'process.versions.node.split(".")[0]')
if [ "$major" -lt 20 ]; then
    echo "evm-tools: Node.js 20 or newer is needed for the on-chain tests and 'comet chain' (found $(node --version))" >&2
    exit 1
fi
stamp="$evm/node_modules/.comet-installed"
if [ -f "$stamp" ] && cmp -s "$stamp" "$evm/package-lock.json"; then
    exit 0
fi
# Install scripts are not needed: anvil's binary comes in its platform package.
(cd "$evm" && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error >&2)
cp "$evm/package-lock.json" "$stamp"
