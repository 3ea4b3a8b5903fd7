#!/usr/bin/env bash
# Checks a staged folder (release/stage.sh) holds exactly the published artifacts, each with what
# Maven Central requires: POM metadata, -sources and -javadoc beside every jar, an SBOM, checksums
# that match, and signatures when signed.
#
#   release/verify-staged.sh STAGED_DIR VERSION SIGNED(true|false)
set -euo pipefail
source "$(dirname "$0")/lib.sh"
staged="$1" version="$2" signed="$3"
base="$staged/dev/sessionkit"
problems=()
problem() { problems+=("$*"); }

[ -d "$base" ] || die "nothing staged under $base"
expected="$(printf '%s\n' "${PUBLISHED[@]}" | sed 's/.*://' | sort)"
actual="$(ls "$base" | sort)"
[ "$expected" = "$actual" ] ||
  problem "staged artifacts differ from the published list in release/lib.sh:" \
    "$(diff <(echo "$expected") <(echo "$actual") | grep '^[<>]' | tr '\n' ' ')"

# POM elements Central requires; the modules inherit url, licenses, scm and developers.
for element in name description url licenses scm developers; do
  for pom in "$ROOT/pom.xml" "$ROOT/session-bom/pom.xml"; do
    grep -q "<$element[ >]" "$pom" || problem "${pom#"$ROOT"/} has no <$element>"
  done
done

for entry in "${PUBLISHED[@]}"; do
  folder="${entry%%:*}" artifact="${entry#*:}" dir="$base/${entry#*:}/$version"
  [ -d "$dir" ] || { problem "$artifact: no $version folder"; continue; }
  grep -q '<name>' "$ROOT/$folder/pom.xml" || problem "$artifact: its pom.xml has no <name>"
  wanted=(.pom)
  case "$folder" in .|session-bom) ;; *) wanted+=(.jar -sources.jar -javadoc.jar -cyclonedx.json) ;; esac
  for suffix in "${wanted[@]}"; do
    # A SNAPSHOT is staged under a timestamped name: 0.3.0-20261207.101500-1.
    file="$(find "$dir" -maxdepth 1 -type f -name "$artifact-*$suffix" |
      grep -E "/$artifact-${version%-SNAPSHOT}(-SNAPSHOT|-[0-9]{8}\.[0-9]{6}-[0-9]+)?$suffix\$" | head -n 1 || true)"
    if [ -z "$file" ]; then problem "$artifact: no $suffix"; continue; fi
    for sum in md5 sha1 sha256 sha512; do
      if [ ! -f "$file.$sum" ]; then problem "$(basename "$file"): no .$sum"; continue; fi
      [ "$(cut -c1-128 "$file.$sum" | awk '{print $1}')" = "$("${sum}sum" "$file" | awk '{print $1}')" ] ||
        problem "$(basename "$file").$sum does not match"
    done
    if $signed; then
      [ -f "$file.asc" ] || problem "$(basename "$file"): no .asc signature"
    fi
  done
done

if [ ${#problems[@]} -gt 0 ]; then
  printf '[release]   %s\n' "${problems[@]}" >&2
  die "the staged folder is not ready for Maven Central (${#problems[@]} problems above)"
fi
files=$(find "$base" -type f ! -name '*.md5' ! -name '*.sha*' ! -name 'maven-metadata*' | wc -l)
say "staged: ${#PUBLISHED[@]} artifacts, $files files, each with md5/sha1/sha256/sha512$($signed && echo ' and .asc')"
