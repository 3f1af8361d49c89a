# annals - see README.md. GNU make.

VERSION = 0.1.0
PREFIX ?= /usr/local
DESTDIR ?=
BINDIR = $(PREFIX)/bin
MANDIR = $(PREFIX)/share/man
DATADIR = $(PREFIX)/share/annals

CC = cc
PKG_CONFIG ?= pkg-config
PKGS = libcurl libxml-2.0 sqlite3 ncursesw inih
# feature macros are ours to choose (ncursesw's .pc sets its own)
PKG_CFLAGS := $(filter-out -D_DEFAULT_SOURCE -D_XOPEN_SOURCE=%,\
	$(shell $(PKG_CONFIG) --cflags $(PKGS) 2>/dev/null))
PKG_LIBS := $(shell $(PKG_CONFIG) --libs $(PKGS) 2>/dev/null)

WARN = -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes \
       -Wmissing-prototypes -Wformat=2 -Wvla
CFLAGS ?= -O2 -g
ALL_CFLAGS = -std=c11 -D_XOPEN_SOURCE=700 -D_DEFAULT_SOURCE $(WARN) $(PKG_CFLAGS) \
	     -DANNALS_VERSION='"$(VERSION)"' \
	     -DANNALS_FEEDSDIR='"$(DATADIR)/feeds"' \
	     $(CFLAGS) $(EXTRA_CFLAGS)
ALL_LDFLAGS = $(LDFLAGS) $(EXTRA_LDFLAGS)

# BUILD holds objects and test binaries; BIN is the program they make.
BUILD ?= build
BIN ?= annals

SRCS := $(wildcard src/*.c)
CMD_SRCS := src/main.c $(wildcard src/cmd_*.c)
LIB_SRCS := $(filter-out $(CMD_SRCS),$(SRCS))
OBJS := $(SRCS:src/%.c=$(BUILD)/%.o)
LIB_OBJS := $(LIB_SRCS:src/%.c=$(BUILD)/%.o)
UNIT_SRCS := $(wildcard tests/unit/test_*.c)
UNIT_BINS := $(UNIT_SRCS:tests/unit/%.c=$(BUILD)/tests/%)

SAN = -fsanitize=address,undefined -fno-omit-frame-pointer \
      -fno-sanitize-recover=undefined

.PHONY: all check asan lint bench install uninstall deps run clean unit-bins

all: $(BIN)

$(BIN): $(OBJS)
	$(CC) $(ALL_CFLAGS) -o $@ $(OBJS) $(ALL_LDFLAGS) $(PKG_LIBS) -lm

$(BUILD)/%.o: src/%.c | $(BUILD)
	$(CC) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

$(BUILD)/tests/%: tests/unit/%.c $(LIB_OBJS) | $(BUILD)/tests
	$(CC) $(ALL_CFLAGS) -Isrc -o $@ $< $(LIB_OBJS) $(ALL_LDFLAGS) \
		$(PKG_LIBS) -lcmocka -lm

$(BUILD) $(BUILD)/tests:
	mkdir -p $@

unit-bins: $(UNIT_BINS)

# make check: warnings are errors, then every unit and command test.
check: EXTRA_CFLAGS += -Werror
check: $(BIN) unit-bins
	ANNALS='$(abspath $(BIN))' BUILD_DIR='$(abspath $(BUILD))' UNIT_DIR='$(abspath $(BUILD))/tests' \
		sh tests/run.sh

# The whole suite under AddressSanitizer and UndefinedBehaviorSanitizer.
asan:
	$(MAKE) BUILD=build/asan BIN=build/asan/annals CFLAGS='-O1 -g' \
		EXTRA_LDFLAGS='$(SAN)' EXTRA_CFLAGS='$(SAN)' check

# Performance against the floor (xmllint --stream), in one run.
bench: $(BIN)
	mkdir -p $(BUILD)/bench
	python3 tests/bench/bench.py '$(abspath $(BIN))' '$(abspath $(BUILD))/bench'
	python3 tests/bench/fetchbench.py '$(abspath $(BIN))' '$(abspath $(BUILD))/bench'
	python3 tests/bench/exportbench.py '$(abspath $(BIN))' '$(abspath $(BUILD))/bench'

lint:
	clang-format --dry-run --Werror src/*.c src/*.h tests/unit/*.c
	cppcheck --quiet --error-exitcode=1 --inline-suppr \
		--enable=warning,performance,portability \
		--suppress=missingIncludeSystem -Isrc src
	cd man && mandoc -Tlint -W style annals.1 annals-sources.5 annals-rules.5

install: $(BIN)
	install -d '$(DESTDIR)$(BINDIR)' '$(DESTDIR)$(MANDIR)/man1' \
		'$(DESTDIR)$(MANDIR)/man5' '$(DESTDIR)$(DATADIR)/feeds/samples'
	install -m 755 $(BIN) '$(DESTDIR)$(BINDIR)/annals'
	install -m 644 man/annals.1 '$(DESTDIR)$(MANDIR)/man1/annals.1'
	install -m 644 man/annals-sources.5 man/annals-rules.5 \
		'$(DESTDIR)$(MANDIR)/man5/'
	install -m 644 feeds/*.conf '$(DESTDIR)$(DATADIR)/feeds/'
	install -m 644 feeds/samples/*.xml '$(DESTDIR)$(DATADIR)/feeds/samples/'
	install -d '$(DESTDIR)$(DATADIR)/feeds/archive'
	install -m 644 feeds/archive/*.xml '$(DESTDIR)$(DATADIR)/feeds/archive/'

uninstall:
	rm -f '$(DESTDIR)$(BINDIR)/annals' \
		'$(DESTDIR)$(MANDIR)/man1/annals.1' \
		'$(DESTDIR)$(MANDIR)/man5/annals-sources.5' \
		'$(DESTDIR)$(MANDIR)/man5/annals-rules.5'
	rm -rf '$(DESTDIR)$(DATADIR)'

# Debian packages the build and the tests need; a no-op when present.
deps:
	sh .ci/deps

# A newcomer's first run: the bundled history and the live feeds into the
# default database, then the timeline (offline, what the database has).
run: deps
	$(MAKE) all
	./$(BIN) --sources feeds init
	-./$(BIN) --sources feeds fetch
	./$(BIN) list

clean:
	rm -rf build $(BIN)

-include $(OBJS:.o=.d)
