# Shared by the release scripts: the repository root, the version, the published modules.
# Sourced, not run.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RELEASE_DIR="$ROOT/release"

# Every artifact a release publishes, as folder:artifactId ("." is the parent POM). A module not
# listed here must set maven.deploy.skip; stage.sh fails when the staged set differs from this one.
PUBLISHED=(
  .:sessionkit-parent
  session-bom:session-bom
  session-core:session-core
  session-store-tck:session-store-tck
  session-store-memory:session-store-memory
  session-store-redis:session-store-redis
  session-store-jdbc:session-store-jdbc
  session-servlet:session-servlet
  session-metrics:session-metrics
  session-spring-boot:session-spring-boot
  session-spring-boot-starter:session-spring-boot-starter
)

say() { printf '[release] %s\n' "$*"; }
die() { printf '[release] FAILED: %s\n' "$*" >&2; exit 1; }

# The modules that build a jar (everything published but the parent and the BOM).
jar_modules() {
  local entry
  for entry in "${PUBLISHED[@]}"; do
    case "${entry%%:*}" in .|session-bom) ;; *) echo "${entry%%:*}" ;; esac
  done
}

# The version in the parent POM (the first <version> after its own artifactId).
project_version() {
  sed -n '/<artifactId>sessionkit-parent<\/artifactId>/,/<\/version>/ s:.*<version>\(.*\)</version>.*:\1:p' \
    "$ROOT/pom.xml" | head -n 1
}

# Seconds since a start time, for the run-time lines each check prints.
elapsed() { echo "$(( $(date +%s) - $1 ))s"; }

# A local repository for a build that must not see SessionKit from ~/.m2: an empty head (printed)
# whose read-only tail is a link tree of ~/.m2/repository without dev/sessionkit. Maven 3.9 reads
# third-party artifacts from the tail and writes only to the head.
isolated_local_repo() {
  local base="$1" m2="${MAVEN_LOCAL_REPO:-$HOME/.m2/repository}" entry
  mkdir -p "$base/head" "$base/tail/dev"
  for entry in "$m2"/*; do
    [ "$(basename "$entry")" = dev ] || ln -s "$entry" "$base/tail/$(basename "$entry")"
  done
  if [ -d "$m2/dev" ]; then
    for entry in "$m2"/dev/*; do
      [ "$(basename "$entry")" = sessionkit ] || ln -s "$entry" "$base/tail/dev/$(basename "$entry")"
    done
  fi
  echo "-Dmaven.repo.local=$base/head -Dmaven.repo.local.tail=$base/tail"
}

# A clean copy of one commit of this repository in a new folder (nothing uncommitted comes along).
checkout_commit() {
  local commit="$1" dir="$2"
  git -C "$ROOT" rev-parse --verify --quiet "$commit^{commit}" >/dev/null ||
    die "commit $commit is not in this repository"
  git clone --quiet --shared --no-checkout "$(git -C "$ROOT" rev-parse --git-common-dir)" "$dir"
  git -C "$dir" -c advice.detachedHead=false checkout --quiet "$commit"
}
