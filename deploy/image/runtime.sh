#!/usr/bin/env bash
# The root file system every service image starts from (the images are built FROM scratch, so no registry is
# needed): a Java runtime jlinked from the build's JDK with its default CDS archive, the few glibc libraries it
# loads, and passwd/group entries for the non-root user. Kept under target/ and rebuilt only when this script or
# the JDK changes, so the seven image builds share one.
# usage: runtime.sh <java.home> <output dir>
set -euo pipefail
JDK=$1 OUT=$2
MODULES=java.se,jdk.unsupported,jdk.management,jdk.management.jfr,jdk.jfr,jdk.crypto.cryptoki,jdk.crypto.ec,jdk.naming.dns,jdk.zipfs,jdk.charsets,jdk.net
STAMP="$(sha256sum "$0" | cut -c1-16) $(sed -n 's/^JAVA_RUNTIME_VERSION=//p' "$JDK/release")"
[[ -f $OUT.stamp && $(<"$OUT.stamp") == "$STAMP" ]] && exit 0

rm -rf "$OUT" "$OUT.stamp" && mkdir -p "$OUT/opt/java" "$OUT/etc" "$OUT/tmp"
JRE=$OUT/opt/java/openjdk # where eclipse-temurin images keep theirs: JAVA_HOME and PATH are the same either way
"$JDK/bin/jlink" --add-modules "$MODULES" --strip-debug --no-header-files --no-man-pages \
  --generate-cds-archive --output "$JRE" >/dev/null
# Headless only: drop the libraries that would need X11 or ALSA.
rm -f "$JRE"/lib/{libawt_xawt,libjawt,libjsound,libsplashscreen}.so

# bash for the Compose health checks (builtins only: /dev/tcp, read), nothing else from the host's userland.
mkdir -p "$OUT/bin" && cp -L /bin/bash "$OUT/bin/bash"
# glibc as the JDK's libraries and bash link it (Debian 12: glibc 2.36, whose nss files/dns are built into libc).
for f in $( (find "$JRE" -name '*.so' -o -path '*/bin/*' -type f; echo "$OUT/bin/bash") | xargs ldd 2>/dev/null \
           | awk '$2 == "=>" && $3 ~ /^\// && $3 !~ /openjdk/ {print $3} $1 ~ /^\/.*ld-linux/ {print $1}' | sort -u); do
  mkdir -p "$OUT$(dirname "$f")" && cp -L "$f" "$OUT$f"
done
printf 'root:x:0:0:root:/root:/sbin/nologin\nchat:x:1000:1000:chat:/tmp:/sbin/nologin\n' >"$OUT/etc/passwd"
printf 'root:x:0:\nchat:x:1000:\n' >"$OUT/etc/group"
printf 'hosts: files dns\n' >"$OUT/etc/nsswitch.conf"
echo "$STAMP" >"$OUT.stamp" # beside it, not in the image
