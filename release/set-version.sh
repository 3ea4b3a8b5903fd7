#!/usr/bin/env bash
# The version bump: sets VERSION in every POM of the reactor (the parent, every module, the BOM,
# the examples) and moves project.build.outputTimestamp to now, then lists the other files that
# still name the old version (README.md, docs) for the one who bumps.
#
#   release/set-version.sh 0.3.0
set -euo pipefail
source "$(dirname "$0")/lib.sh"

new="${1:?usage: release/set-version.sh VERSION}"
old="$(project_version)"
[ "$new" != "$old" ] || die "the version is already $new"
read -r -a maven_args <<<"${RELEASE_MAVEN_ARGS:-}"
(cd "$ROOT" && ./mvnw -B -q versions:set -DnewVersion="$new" -DoldVersion="$old" \
  -DgroupId=dev.sessionkit -DartifactId='*' -DprocessAllModules=true -DgenerateBackupPoms=false \
  -DupdateBuildOutputTimestampPolicy=always ${maven_args[@]+"${maven_args[@]}"})

left="$(cd "$ROOT" && git ls-files '*pom.xml' | xargs grep -l "<version>$old</version>" || true)"
[ -z "$left" ] || die "these POMs still hold $old: $left"
say "every POM is at $new; outputTimestamp: $(sed -n 's:.*<project.build.outputTimestamp>\(.*\)<.*:\1:p' "$ROOT/pom.xml")"
others="$(cd "$ROOT" && git grep -l -F "$old" -- ':!*pom.xml' || true)"
[ -z "$others" ] || say "files that still name $old (the README's snippets, docs): $(echo $others)"
