#!/usr/bin/env bash
# A stranger's project: a new Maven project outside the reactor, with README.md's dependency
# snippet and nothing else of SessionKit, resolved from the staged folder alone (offline, a fresh
# local repository whose third-party artifacts come from ~/.m2 without dev/sessionkit). It
# compiles the quick start and answers HTTP requests.
#
#   release/check-consumer.sh [--staged DIR] servlet|boot
#
#   servlet  README's dependencies (BOM + servlet + a store) and Jetty 12; README's quick start
#            (its Java blocks, port 8080 replaced by a free one), run by its main method with
#            SESSION_SECRET set: POST /login name=stranger, then GET /me with the cookie.
#   boot     Spring Boot's parent, README's BOM import and starter snippet, spring-boot-starter-
#            webmvc; release/consumer/boot holds the application: GET /visits twice.
#
# README.md's snippets are read between <!-- snippet:dependencies -->, <!-- snippet:quickstart -->
# and <!-- snippet:boot-dependency --> markers (each closed by <!-- /snippet:NAME -->), or, without
# them, from the sections "Add the dependency", "Quick start" and "Spring Boot".
set -euo pipefail
source "$(dirname "$0")/lib.sh"

staged="$ROOT/target/staging"
[ "${1:-}" = --staged ] && { staged="$(cd "$2" && pwd)"; shift 2; }
kind="${1:?servlet or boot}"
[ -d "$staged/dev/sessionkit" ] || die "no staged SessionKit in $staged: run release/stage.sh first"

start=$(date +%s)
work="$(mktemp -d "${TMPDIR:-/tmp}/sessionkit-stranger-$kind.XXXXXX")"
server=""
cleanup() {
  if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  if [ "${KEEP_WORK:-}" = 1 ]; then say "kept $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT

snippet() { python3 "$RELEASE_DIR/consumer/readme_snippet.py" "$ROOT/README.md" "$@"; }
property() { sed -n "s:.*<$1>\(.*\)</$1>.*:\1:p" "$2" | head -n 1; }

# Resolution: the staged folder is the only remote repository (every request is mirrored to it)
# and the build runs offline but for file: URLs, on a fresh local repository.
read -r -a repo_args <<<"$(isolated_local_repo "$work/repo")"
cat >"$work/settings.xml" <<XML
<settings>
  <mirrors>
    <mirror><id>staged</id><mirrorOf>*</mirrorOf><url>file://$staged</url></mirror>
  </mirrors>
  <!-- Snapshots too, for a dry run before the version is set (central's policy has none). -->
  <profiles>
    <profile>
      <id>staged</id>
      <repositories>
        <repository>
          <id>staged</id><url>file://$staged</url><snapshots><enabled>true</enabled></snapshots>
        </repository>
      </repositories>
    </profile>
  </profiles>
  <activeProfiles><activeProfile>staged</activeProfile></activeProfiles>
</settings>
XML
mvn_stranger() {
  (cd "$work/app" && "$ROOT/mvnw" -B -q -o -Daether.offline.protocols=file -s "$work/settings.xml" \
    "${repo_args[@]}" "$@")
}

app="$work/app"
mkdir -p "$app/src/main/java"
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
secret="$(head -c 32 /dev/urandom | base64)"
plugins='<build><pluginManagement><plugins>
      <plugin><artifactId>maven-compiler-plugin</artifactId><version>3.14.1</version></plugin>
      <plugin><artifactId>maven-resources-plugin</artifactId><version>3.3.1</version></plugin>
      <plugin><artifactId>maven-dependency-plugin</artifactId><version>3.9.0</version></plugin>
    </plugins></pluginManagement></build>'

case "$kind" in
  servlet)
    dependencies="$(snippet dependencies)"
    jetty="  <dependency>
    <groupId>org.eclipse.jetty.ee10</groupId>
    <artifactId>jetty-ee10-servlet</artifactId>
    <version>$(property jetty.version "$ROOT/pom.xml")</version>
  </dependency>
</dependencies>"
    cat >"$app/pom.xml" <<XML
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>com.example</groupId>
  <artifactId>stranger-servlet</artifactId>
  <version>1</version>
  <properties>
    <maven.compiler.release>17</maven.compiler.release>
    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
  </properties>
${dependencies%</dependencies>*}${jetty}
  $plugins
</project>
XML
    # Each Java block is one compilation unit: its package and public type name its file.
    snippet quickstart | sed "s/\b8080\b/$port/g" | python3 -c '
import re, sys, pathlib
for unit in sys.stdin.read().split("//--\n"):
    package = re.search(r"^package\s+([\w.]+);", unit, re.M).group(1)
    name = re.search(r"^public\s+(?:final\s+|abstract\s+)*(?:class|record|interface|enum)\s+(\w+)", unit, re.M).group(1)
    path = pathlib.Path(sys.argv[1], *package.split("."), name + ".java")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(unit)
    if re.search(r"static\s+void\s+main\s*\(", unit):
        print(package + "." + name)
' "$app/src/main/java" >"$work/main-class"
    [ -s "$work/main-class" ] || die "README's quick start has no main method"
    run_env=(SESSION_SECRET="$secret")
    run_args=()
    ;;
  boot)
    boot_version="$(property spring-boot.version "$ROOT/session-spring-boot/pom.xml")"
    cat >"$app/pom.xml" <<XML
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <parent>
    <groupId>org.springframework.boot</groupId>
    <artifactId>spring-boot-starter-parent</artifactId>
    <version>$boot_version</version>
    <relativePath/>
  </parent>
  <groupId>com.example</groupId>
  <artifactId>stranger-boot</artifactId>
  <version>1</version>
  <properties>
    <java.version>17</java.version>
  </properties>
  $(snippet dependencies --part dependencyManagement)
  <dependencies>
    $(snippet boot-dependency)
    <dependency>
      <groupId>org.springframework.boot</groupId>
      <artifactId>spring-boot-starter-webmvc</artifactId>
    </dependency>
  </dependencies>
  $plugins
</project>
XML
    cp -r "$RELEASE_DIR/consumer/boot/." "$app/src/main/java/"
    echo com.example.stranger.StrangerApplication >"$work/main-class"
    run_env=(SESSIONKIT_SECRET="$secret")
    run_args=(--server.port="$port" --server.address=127.0.0.1)
    ;;
  *) die "unknown kind $kind: servlet or boot" ;;
esac

say "$kind: building a stranger's project in $app against $staged"
mvn_stranger compile dependency:build-classpath -Dmdep.outputFile="$work/classpath" ||
  die "$kind: the stranger's project does not build from the staged folder"
# Every SessionKit artifact came from the staged folder: the local repository had none before.
from_elsewhere="$(grep -rL '>staged=' --include=_remote.repositories "$work/repo/head/dev/sessionkit" || true)"
[ -z "$from_elsewhere" ] || die "$kind: SessionKit resolved from outside the staged folder: $from_elsewhere"
say "$kind: compiled against $(ls "$work/repo/head/dev/sessionkit" | tr '\n' ' ')from the staged folder"

env "${run_env[@]}" java -cp "$app/target/classes:$(cat "$work/classpath")" "$(cat "$work/main-class")" \
  ${run_args[@]+"${run_args[@]}"} >"$work/server.log" 2>&1 &
server=$!
url="http://127.0.0.1:$port"
for _ in $(seq 1 120); do
  curl -s -o /dev/null "$url/" && break
  kill -0 "$server" 2>/dev/null || { cat "$work/server.log" >&2; die "$kind: the application stopped"; }
  sleep 0.5
done

request() { # method path [data]: prints the status line's code, headers to $work/headers, body to $work/body
  curl -s -o "$work/body" -D "$work/headers" -w '%{http_code}' -b "$work/cookies" -c "$work/cookies" \
    -X "$1" ${3:+-d "$3"} "$url$2" || true
}
expect() { # what status body-text
  local status="$2" text="$3"
  [ "$1" = "$status" ] && grep -q "$text" "$work/body" || {
    cat "$work/server.log" >&2
    die "$kind: expected $status with '$text', got $1: $(head -c 300 "$work/body")"
  }
}
case "$kind" in
  servlet)
    expect "$(request POST /login name=stranger)" 200 stranger
    grep -qi '^set-cookie:' "$work/headers" || die "servlet: the login set no cookie"
    expect "$(request GET /me)" 200 stranger
    ;;
  boot)
    expect "$(request GET /visits)" 200 visits=1
    grep -qi '^set-cookie:' "$work/headers" || die "boot: the first visit set no cookie"
    expect "$(request GET /visits)" 200 visits=2
    ;;
esac
say "$kind: PASSED in $(elapsed "$start"): a stranger's project built from the staged folder and answered"
