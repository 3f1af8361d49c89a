#!/bin/sh
# make install / uninstall honour DESTDIR and PREFIX.
. "$(dirname "$0")/lib.sh"
: "${BUILD_DIR:?}"
dest="$TMP/dest"
# paths relative to the top, as a developer's own build names them: an
# absolute BUILD would rewrite the .d files with absolute targets, and
# later builds would miss header changes
rel() { python3 -c 'import os, sys; print(os.path.relpath(sys.argv[1], sys.argv[2]))' "$1" "$TOP"; }
make -s -C "$TOP" install DESTDIR="$dest" PREFIX=/opt/annals BUILD="$(rel "$BUILD_DIR")" BIN="$(rel "$ANNALS")" >"$out" 2>"$err"
check "make install succeeds" 'test $? -eq 0'
check "binary installed" 'test -x "$dest/opt/annals/bin/annals"'
check "man pages installed" 'test -f "$dest/opt/annals/share/man/man1/annals.1" && test -f "$dest/opt/annals/share/man/man5/annals-sources.5"'
check "feeds installed" 'ls "$dest"/opt/annals/share/annals/feeds/*.conf >/dev/null && ls "$dest"/opt/annals/share/annals/feeds/samples/*.xml >/dev/null'
check "installed binary runs" '"$dest/opt/annals/bin/annals" --version | grep -q "^annals "'
make -s -C "$TOP" uninstall DESTDIR="$dest" PREFIX=/opt/annals >"$out" 2>"$err"
check "make uninstall succeeds" 'test $? -eq 0'
check "everything removed" 'test -z "$(find "$dest" -type f)"'
done_testing
