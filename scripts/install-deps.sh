#!/usr/bin/env bash
# Installs what parley needs to build, test and run: Debian packages, plus the front end's npm
# packages (web/package-lock.json) for the browser tests. Nothing else is downloaded.
# Idempotent and quick: apt-get runs only when something is missing, npm only when
# web/node_modules is older than the lock file.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config clang libclang-rt-14-dev
  libicu-dev libuchardet-dev libxxhash-dev zlib1g-dev libdeflate-dev libcld2-dev libhyperscan-dev
  libsqlite3-dev libpq-dev postgresql
  libyaml-cpp-dev nlohmann-json3-dev libfmt-dev libcli11-dev libcpp-httplib-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  iso-codes chromium
)

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done
# Node may come from another Debian-format package that bundles npm: check the commands.
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)

if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  echo "install-deps: installing ${missing[*]}" >&2
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends \
    "${missing[@]}"
fi

# The C++ build embeds the committed bundle web/dist; node_modules serves the browser tests
# (playwright-core) and `npm run build` after front-end changes.
web_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/web"
if [ ! -d "$web_dir/node_modules/playwright-core" ] ||
   [ "$web_dir/package-lock.json" -nt "$web_dir/node_modules/.package-lock.json" ]; then
  echo "install-deps: npm ci in web/" >&2
  (cd "$web_dir" && npm ci --no-audit --no-fund --loglevel=error)
fi
