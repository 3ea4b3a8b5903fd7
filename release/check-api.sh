#!/usr/bin/env bash
# API compatibility: japicmp compares the exported packages of every published jar with the
# baseline release, whose version and commit docs/api-changes.md records, and fails on a binary
# break that docs/api-changes.md does not list.
#
#   release/check-api.sh [--built]
#
#   --built  compare the jars already in the modules' target folders (release/stage.sh passes it);
#            without it the jars are built first (package, tests skipped).
#
# Exported packages: the `exports` of each module's src/main/module/module-info.java; a module
# without one (an automatic module) exports all its packages. Never an unexported package such as
# dev.sessionkit.internal. The baseline is built once from its commit, in a clean copy, on a fresh
# local repository (third-party artifacts read from ~/.m2), and kept under
# ~/.cache/sessionkit-release. Intended breaks: one table row each in docs/api-changes.md, whose
# first cell is a japicmp pattern (`pkg.Class`, `pkg.Class#method(int,java.lang.String)`,
# `pkg.Class#field`, `pkg.Outer$Nested`; * is a wildcard).
set -euo pipefail
source "$(dirname "$0")/lib.sh"

built=false
[ "${1:-}" = --built ] && built=true
start=$(date +%s)
changes="$ROOT/docs/api-changes.md"
read -r base_version base_commit < <(
  sed -n 's/.*<!-- api-baseline: \([^ ]*\) \([0-9a-f]*\) -->.*/\1 \2/p' "$changes" | head -n 1) ||
  die "docs/api-changes.md has no <!-- api-baseline: VERSION COMMIT --> line"
read -r -a maven_args <<<"${RELEASE_MAVEN_ARGS:-}"
skip_extras=(-DskipTests -Dmaven.javadoc.skip=true -Dmaven.source.skip=true -Djacoco.skip=true
  -Dspotless.check.skip=true)
modules="$(jar_modules | paste -sd, -)"
work="$ROOT/target/api-check"
rm -rf "$work" && mkdir -p "$work"

# The baseline's jars, built once per commit.
cache="${XDG_CACHE_HOME:-$HOME/.cache}/sessionkit-release/api-baseline-$base_version-${base_commit:0:12}"
if [ ! -f "$cache/complete" ]; then
  say "api: building the baseline $base_version from commit ${base_commit:0:12} (once; kept in $cache)"
  tmp="$(mktemp -d "${TMPDIR:-/tmp}/sessionkit-baseline.XXXXXX")"
  trap 'rm -rf "$tmp"' EXIT
  checkout_commit "$base_commit" "$tmp/src"
  read -r -a repo_args <<<"$(isolated_local_repo "$tmp/repo")"
  base_modules="$(for m in $(jar_modules); do [ -f "$tmp/src/$m/pom.xml" ] && echo "$m"; done | paste -sd, -)"
  (cd "$tmp/src" && ./mvnw -B -q install -pl "$base_modules" -am "${skip_extras[@]}" "${repo_args[@]}" \
    ${maven_args[@]+"${maven_args[@]}"}) || die "api: the baseline does not build"
  rm -rf "$cache" && mkdir -p "$cache"
  for m in ${base_modules//,/ }; do
    cp "$tmp/src/$m/target/$m-$base_version"*.jar "$cache/$m.jar" 2>/dev/null ||
      cp "$(ls "$tmp/src/$m/target/"*.jar | grep -v -- '-\(sources\|javadoc\)\.jar$' | head -n 1)" "$cache/$m.jar"
  done
  touch "$cache/complete"
fi

if ! $built; then
  say "api: building the current jars"
  (cd "$ROOT" && ./mvnw -B -q package -pl "$modules" -am "${skip_extras[@]}" ${maven_args[@]+"${maven_args[@]}"})
fi
version="$(project_version)"
old=() new=() includes=()
for m in $(jar_modules); do
  jar="$ROOT/$m/target/$m-$version.jar"
  [ -f "$jar" ] || die "api: no $jar: build it first, or run without --built"
  new+=("$jar")
  [ -f "$cache/$m.jar" ] && old+=("$cache/$m.jar") # a module new since the baseline breaks nothing
  descriptor="$ROOT/$m/src/main/module/module-info.java"
  if [ -f "$descriptor" ]; then
    includes+=($(sed -n 's/^ *exports \([a-z0-9_.]*\) *;.*/\1/p' "$descriptor"))
  elif [ -d "$ROOT/$m/src/main/java" ]; then
    includes+=($(cd "$ROOT/$m/src/main/java" && find . -name '*.java' -printf '%h\n' | sort -u | sed 's:^\./::; s:/:.:g'))
  fi
done
excludes=($(sed -n 's/^| *`\([^`]*\)`.*/\1/p' "$changes"))
say "api: ${#new[@]} jars against $base_version; exported packages: ${includes[*]}"
say "api: intended breaks listed in docs/api-changes.md: ${#excludes[@]}"

# japicmp's command line tool, resolved through release/japicmp/pom.xml.
(cd "$RELEASE_DIR/japicmp" && "$ROOT/mvnw" -B -q dependency:build-classpath \
  -Dmdep.outputFile="$work/japicmp.classpath" ${maven_args[@]+"${maven_args[@]}"}) ||
  die "api: cannot resolve japicmp"
join() { local IFS=';'; echo "$*"; }
exclude_args=()
[ ${#excludes[@]} -gt 0 ] && exclude_args=(--exclude "$(join "${excludes[@]}")" --no-error-on-exclusion-incompatibility)
status=0
java -cp "$(cat "$work/japicmp.classpath")" japicmp.JApiCmp \
  --old "$(join "${old[@]}")" --new "$(join "${new[@]}")" \
  --include "$(join "${includes[@]}")" --include-exclusively ${exclude_args[@]+"${exclude_args[@]}"} \
  --ignore-missing-classes --only-incompatible --error-on-binary-incompatibility \
  --html-file "$work/report.html" --reproducible-report >"$work/report.txt" 2>&1 || status=$?
if [ $status -ne 0 ]; then
  grep -v '^\(Comparing\|No changes\)' "$work/report.txt" | head -n 80 >&2
  say "api: full report: $work/report.txt and $work/report.html"
  die "api: a binary break against $base_version that docs/api-changes.md does not list" \
    "(add one row per intended break there; the report's '---!' lines name what broke)"
fi
say "api: PASSED in $(elapsed "$start"): no unlisted binary break against $base_version ($work/report.html)"
