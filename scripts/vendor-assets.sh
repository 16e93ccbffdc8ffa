#!/usr/bin/env bash
# Re-fetch the vendored front-end assets from the npm registry into static/vendor/.
# The portal serves these committed copies itself (no CDN, no npm at run time);
# run this only to update them, then review the diff and commit.
#   scripts/vendor-assets.sh
set -euo pipefail
cd "$(dirname "$0")/.."

# デジタル庁 design tokens (MIT). Bump the version here to update.
TOKENS_PACKAGE="@digital-go-jp/design-tokens"
TOKENS_VERSION="1.1.9"
TOKENS_DIR="static/vendor/digital-go-jp-design-tokens"

command -v npm >/dev/null 2>&1 || { echo "エラー: npm が必要です。" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

(cd "$work" && npm pack --silent "${TOKENS_PACKAGE}@${TOKENS_VERSION}" >/dev/null)
tar -xzf "$work"/*.tgz -C "$work"

mkdir -p "$TOKENS_DIR"
cp "$work/package/dist/tokens.css" "$TOKENS_DIR/tokens.css"
cp "$work/package/LICENSE" "$TOKENS_DIR/LICENSE"
cat > "$TOKENS_DIR/VERSION" <<VERSION
${TOKENS_PACKAGE}@${TOKENS_VERSION}
source: npm registry, file dist/tokens.css and LICENSE of the package
VERSION
echo "vendored ${TOKENS_PACKAGE}@${TOKENS_VERSION} into ${TOKENS_DIR}"
