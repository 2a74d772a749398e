# Sourced by ./comet and ./test: exports JAVA_HOME pointing at a JDK >= 21.
# Order: $JAVA_HOME if it is new enough, then the JDK of the `javac` on PATH, then the usual
# install folders (Linux, Homebrew on Intel and Apple Silicon, macOS, SDKMAN).

comet_java_major() {
  # Prints the feature version (17, 21, 25...) of the java binary $1, or nothing. Reads the JDK's
  # `release` file when it has one: starting a JVM only to ask its version costs about 0.1 s.
  local release v
  release="$(dirname "$(dirname "$1")")/release"
  if [ -f "$release" ]; then
    v=$(sed -n 's/^JAVA_VERSION="\([0-9][0-9]*\)\.*\([0-9]*\).*/\1 \2/p' "$release" | head -n 1)
    if [ -n "$v" ]; then
      set -- $v
      if [ "$1" = 1 ]; then printf '%s\n' "${2:-0}"; else printf '%s\n' "$1"; fi
      return 0
    fi
  fi
  "$1" -XshowSettings:properties -version 2>&1 |
    sed -n 's/^ *java\.specification\.version = \([0-9][0-9]*\).*/\1/p' | head -n 1
}

comet_find_jdk() {
  local candidates=() c v
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  if command -v javac >/dev/null 2>&1; then
    c=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
    candidates+=("$c")
  fi
  for c in /usr/lib/jvm/* /opt/java/* /opt/jdk* /usr/local/opt/openjdk*/libexec/openjdk.jdk/Contents/Home \
           /opt/homebrew/opt/openjdk*/libexec/openjdk.jdk/Contents/Home \
           /Library/Java/JavaVirtualMachines/*/Contents/Home "$HOME"/.sdkman/candidates/java/*; do
    [ -d "$c" ] && candidates+=("$c")
  done
  for c in "${candidates[@]}"; do
    [ -x "$c/bin/java" ] && [ -x "$c/bin/javac" ] || continue
    v=$(comet_java_major "$c/bin/java")
    if [ -n "$v" ] && [ "$v" -ge 21 ]; then
      printf '%s\n' "$c"
      return 0
    fi
  done
  return 1
}

if ! COMET_JDK=$(comet_find_jdk); then
  echo "comet: no JDK 21 or newer found; install one and set JAVA_HOME to it" >&2
  exit 2
fi
export JAVA_HOME="$COMET_JDK"
