#!/bin/sh
# make install / uninstall honour DESTDIR and PREFIX.
. "$(dirname "$0")/lib.sh"
: "${BUILD_DIR:?}"
dest="$TMP/dest"
make -s -C "$TOP" install DESTDIR="$dest" PREFIX=/opt/annals BUILD="$BUILD_DIR" BIN="$ANNALS" >"$out" 2>"$err"
check "make install succeeds" 'test $? -eq 0'
check "binary installed" 'test -x "$dest/opt/annals/bin/annals"'
check "man pages installed" 'test -f "$dest/opt/annals/share/man/man1/annals.1" && test -f "$dest/opt/annals/share/man/man5/annals-sources.5"'
check "feeds installed" 'ls "$dest"/opt/annals/share/annals/feeds/*.conf >/dev/null && ls "$dest"/opt/annals/share/annals/feeds/samples/*.xml >/dev/null'
check "installed binary runs" '"$dest/opt/annals/bin/annals" --version | grep -q "^annals "'
make -s -C "$TOP" uninstall DESTDIR="$dest" PREFIX=/opt/annals >"$out" 2>"$err"
check "make uninstall succeeds" 'test $? -eq 0'
check "everything removed" 'test -z "$(find "$dest" -type f)"'
done_testing
