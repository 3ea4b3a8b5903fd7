#!/usr/bin/env bash
# The release command: builds and tests the whole reactor, stages every published artifact
# (jar, -sources, -javadoc, CycloneDX SBOM, POM, checksums, and signatures when a key is
# configured) into a folder laid out as a Maven repository, zips it as a Central Portal bundle,
# then runs the release checks against what it staged. docs/releasing.md says more.
#
#   release/stage.sh [--out DIR] [--skip-tests] [--no-checks] [-- MAVEN_ARGS...]
#
#   --out DIR      where to stage (default: target/staging; the bundle goes beside it)
#   --skip-tests   skip the test suites (a dry run: never for a real release)
#   --no-checks    stage only; skip the API, consumer and reproducibility checks
#   -- ARGS        passed to every Maven run, e.g. -- -o for an offline run
#
# Signing: MAVEN_GPG_KEY (an armored secret key, with MAVEN_GPG_PASSPHRASE) signs with the
# plugin's own signer; otherwise a secret key in the gpg keyring signs (GPG_KEYNAME picks one).
# With neither, the artifacts are staged unsigned and the command says so.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

out="$ROOT/target/staging" tests=() checks=true maven_args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --out) out="$(mkdir -p "$2" && cd "$2" && pwd)"; shift 2 ;;
    --skip-tests) tests=(-DskipTests); shift ;;
    --no-checks) checks=false; shift ;;
    --) shift; maven_args=("$@"); break ;;
    *) die "unknown argument $1 (see the comment at the top of $0)" ;;
  esac
done
export RELEASE_MAVEN_ARGS="${maven_args[*]:-}"

start=$(date +%s)
version="$(project_version)"
say "SessionKit $version from commit $(git -C "$ROOT" rev-parse --short HEAD), staged into $out"
case "$version" in
  *-SNAPSHOT) say "WARNING: $version is a SNAPSHOT: staged for the checks only, Maven Central refuses it" ;;
esac
if [ -n "$(git -C "$ROOT" status --porcelain)" ]; then
  say "WARNING: the work tree has uncommitted changes: they are staged, but no commit holds them," \
    "and the reproducibility check (a clean build of HEAD) will differ"
fi

# Signing.
sign_args=() signed=false
if [ -n "${MAVEN_GPG_KEY:-}" ]; then
  sign_args=(-Dgpg.signer=bc) signed=true
  say "signing with the key in MAVEN_GPG_KEY"
elif command -v gpg >/dev/null && gpg --list-secret-keys --with-colons 2>/dev/null | grep -q '^sec'; then
  signed=true
  [ -n "${GPG_KEYNAME:-}" ] && sign_args=(-Dgpg.keyname="$GPG_KEYNAME")
  say "signing with gpg key ${GPG_KEYNAME:-of the keyring (its default)}"
else
  sign_args=(-Dgpg.skip=true)
  say "NOT SIGNING: no signing key is configured (neither MAVEN_GPG_KEY nor a secret key in gpg)."
  say "NOT SIGNING: the staged artifacts have no .asc files; Maven Central refuses them until signed."
fi

rm -rf "$out"
mkdir -p "$out"
say "build, test and stage: ./mvnw -P release clean deploy"
(cd "$ROOT" && ./mvnw -B -P release clean deploy \
  -DaltDeploymentRepository="staging::file://$out" -DdeployAtEnd=true \
  -Daether.checksums.algorithms=SHA-512,SHA-256,SHA-1,MD5 \
  ${sign_args[@]+"${sign_args[@]}"} ${tests[@]+"${tests[@]}"} ${maven_args[@]+"${maven_args[@]}"})
say "built and staged in $(elapsed "$start")"

# What was staged is exactly what we publish, each with what Maven Central requires.
"$RELEASE_DIR/verify-staged.sh" "$out" "$version" "$signed"

# The Central Portal bundle: the staged tree without Maven's metadata files.
case "$version" in
  *-SNAPSHOT) say "no Central bundle for a SNAPSHOT" ;;
  *)
    bundle="$(dirname "$out")/central-bundle.zip"
    rm -f "$bundle"
    (cd "$out" && find . -type f ! -name 'maven-metadata.xml*' | sort | zip -q -X "$bundle" -@)
    say "Central bundle: $bundle"
    ;;
esac

if $checks; then
  failed=()
  for check in "check-api.sh --built" "check-consumer.sh --staged $out servlet" \
    "check-consumer.sh --staged $out boot" "check-reproducible.sh --against $out"; do
    # shellcheck disable=SC2086
    "$RELEASE_DIR"/$check || failed+=("$check")
  done
  [ ${#failed[@]} -eq 0 ] || die "checks failed: $(printf '[%s] ' "${failed[@]}")"
fi
say "done in $(elapsed "$start"): $out$($signed || echo ' (UNSIGNED)')"
