#!/usr/bin/env bash
# Reproducible builds: builds the committed HEAD in a clean copy and compares, byte for byte, every
# published jar (and its -sources, -javadoc and SBOM) with a second build: another clean copy in
# another folder, or the folder release/stage.sh staged.
#
#   release/check-reproducible.sh [--against STAGED_DIR]
set -euo pipefail
source "$(dirname "$0")/lib.sh"

against=""
[ "${1:-}" = --against ] && against="$(cd "$2" && pwd)"
start=$(date +%s)
read -r -a maven_args <<<"${RELEASE_MAVEN_ARGS:-}"
version="$(project_version)"
commit="$(git -C "$ROOT" rev-parse HEAD)"
tmp="$(mktemp -d "${TMPDIR:-/tmp}/sessionkit-reproducible.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
modules="$(jar_modules | paste -sd, -)"

# One build of HEAD in a clean copy at $1; prints "suffix sha256" per published file, sorted.
build() {
  local dir="$1" m f
  checkout_commit "$commit" "$dir"
  say "reproducible: building ${commit:0:12} in $dir" >&2
  (cd "$dir" && ./mvnw -B -q -P release package -pl "$modules" -am -DskipTests -Djacoco.skip=true \
    -Dgpg.skip=true ${maven_args[@]+"${maven_args[@]}"}) >&2 || die "reproducible: the build failed"
  for m in $(jar_modules); do
    for f in "$dir/$m/target/$m-$version"{.jar,-sources.jar,-javadoc.jar,-cyclonedx.json}; do
      [ -f "$f" ] && echo "$m${f##*/"$m-$version"} $(sha256sum "$f" | cut -d' ' -f1)"
    done
  done | sort
}

# The same list for a staged folder, whose SNAPSHOT files carry a timestamp instead of -SNAPSHOT.
staged() {
  local m f name
  for m in $(jar_modules); do
    for f in "$against/dev/sessionkit/$m/$version/"*; do
      name="$(basename "$f" | sed -E "s/^$m-${version%-SNAPSHOT}(-SNAPSHOT|-[0-9]{8}\.[0-9]{6}-[0-9]+)?//")"
      case "$name" in .jar|-sources.jar|-javadoc.jar|-cyclonedx.json) echo "$m$name $(sha256sum "$f" | cut -d' ' -f1)" ;; esac
    done
  done | sort
}

first="$(build "$tmp/a")"
if [ -n "$against" ]; then
  second="$(staged)" label="the staged folder"
else
  second="$(build "$tmp/elsewhere/b")" label="a second build in another folder"
fi
[ -n "$first" ] || die "reproducible: the build produced no published file"
if [ "$first" != "$second" ]; then
  diff <(echo "$first") <(echo "$second") >&2 || true
  die "reproducible: these files differ from $label (left: clean build of ${commit:0:12})"
fi
say "reproducible: PASSED in $(elapsed "$start"): $(echo "$first" | wc -l) files byte-identical with $label"
