#!/usr/bin/env bash
# Installs the Solidity toolchain into contracts/ from the npm registry only:
# Foundry (forge, anvil, cast native binaries inside npm packages), solc-js behind
# the tools/solc shim, OpenZeppelin, and forge-std (vendored in @chainlink/contracts,
# unpacked with npm pack because its normal install needs GitHub).
# Idempotent: does nothing when everything is in place.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root/contracts"

if [ ! -x node_modules/@foundry-rs/forge-linux-amd64/bin/forge ] || [ ! -d node_modules/solc ] \
   || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "bootstrap: npm install from package-lock.json (Foundry, solc-js, OpenZeppelin)" >&2
  # Not `npm ci`: npm 11 rejects this lock file because the Foundry packages declare their
  # other-platform binaries as optional dependencies it never records. `npm install` with the
  # lock file present installs exactly the locked versions and leaves the lock unchanged.
  npm install --no-audit --no-fund --loglevel=error
fi

if [ ! -f lib/forge-std/src/Test.sol ]; then
  echo "bootstrap: forge-std from @chainlink/contracts 1.5.0" >&2
  tmp="$(mktemp -d)"
  (cd "$tmp" && npm pack --silent @chainlink/contracts@1.5.0 >/dev/null && tar xzf chainlink-contracts-1.5.0.tgz)
  mkdir -p lib/forge-std
  rm -rf lib/forge-std/src
  cp -r "$tmp/package/src/v0.8/vendor/forge-std/src" lib/forge-std/src
  rm -rf "$tmp"
fi

chmod +x tools/solc
