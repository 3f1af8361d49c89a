# annals - see README.md. GNU make.

VERSION = 0.1.0
PREFIX ?= /usr/local
DESTDIR ?=
BINDIR = $(PREFIX)/bin
MANDIR = $(PREFIX)/share/man
DATADIR = $(PREFIX)/share/annals

CC = cc
PKG_CONFIG ?= pkg-config
PKGS = libcurl libxml-2.0 sqlite3 ncursesw inih zlib
# feature macros are ours to choose (ncursesw's .pc sets its own)
PKG_CFLAGS := $(filter-out -D_DEFAULT_SOURCE -D_XOPEN_SOURCE=%,\
	$(shell $(PKG_CONFIG) --cflags $(PKGS) 2>/dev/null))
PKG_LIBS := $(shell $(PKG_CONFIG) --libs $(PKGS) 2>/dev/null)

WARN = -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes \
       -Wmissing-prototypes -Wformat=2 -Wvla
CFLAGS ?= -O2 -g
ALL_CFLAGS = -std=c11 -pthread -D_XOPEN_SOURCE=700 -D_DEFAULT_SOURCE $(WARN) $(PKG_CFLAGS) \
	     -DANNALS_VERSION='"$(VERSION)"' \
	     -DANNALS_FEEDSDIR='"$(DATADIR)/feeds"' \
	     $(CFLAGS) $(EXTRA_CFLAGS)
ALL_LDFLAGS = $(LDFLAGS) -pthread $(EXTRA_LDFLAGS)

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

.PHONY: all check asan lint bench install uninstall deps run clean unit-bins \
	fuzz fuzz-bins fuzz-replay memcheck

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
check: $(BIN) unit-bins fuzz-replay
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
	python3 tests/bench/tuibench.py '$(abspath $(BIN))' '$(abspath $(BUILD))/bench'

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
	@if [ -t 0 ] && [ -t 1 ]; then ./$(BIN) --sources feeds tui; \
	else ./$(BIN) list; fi

# --- fuzzing: libFuzzer targets in tests/fuzz/ (clang) -------------------
# make fuzz builds the library with clang, ASan, UBSan and libFuzzer's
# coverage in $(BUILD)/fuzz, then runs each target FUZZ_SECONDS seconds
# from seeds out of tests/fixtures; any crash, leak or timeout fails it.
# The same targets, linked with tests/fuzz/replay.c by any compiler,
# replay the committed regression inputs in make check (t0023).
FUZZ_SECONDS ?= 60
FUZZ_CC ?= clang
FUZZ_SAN = -fsanitize=address,undefined -fno-sanitize-recover=undefined \
	   -fno-omit-frame-pointer
FUZZ_NAMES := $(patsubst tests/fuzz/%.c,%,$(wildcard tests/fuzz/fuzz_*.c))
FUZZ_DEPS = tests/fuzz/fuzz.h src/export_impl.h

fuzz:
	$(MAKE) CC=$(FUZZ_CC) BUILD='$(BUILD)/fuzz' CFLAGS='-O1 -g' \
		EXTRA_CFLAGS='$(FUZZ_SAN) -fsanitize=fuzzer-no-link' \
		EXTRA_LDFLAGS='$(FUZZ_SAN)' fuzz-bins
	sh tests/fuzz/run.sh '$(abspath $(BUILD))/fuzz' '$(FUZZ_SECONDS)'

fuzz-bins: $(FUZZ_NAMES:%=$(BUILD)/%)

# an archive: a target links only the modules it uses
$(BUILD)/libannals.a: $(LIB_OBJS)
	rm -f $@
	ar rcs $@ $(LIB_OBJS)

$(BUILD)/fuzz_%: tests/fuzz/fuzz_%.c $(FUZZ_DEPS) $(BUILD)/libannals.a
	$(CC) $(ALL_CFLAGS) -Isrc -fsanitize=fuzzer -o $@ $< \
		$(BUILD)/libannals.a $(ALL_LDFLAGS) $(PKG_LIBS) -lm

fuzz-replay: $(FUZZ_NAMES:%=$(BUILD)/fuzz-replay/%)

$(BUILD)/fuzz-replay/%: tests/fuzz/%.c tests/fuzz/replay.c $(FUZZ_DEPS) \
		$(BUILD)/libannals.a | $(BUILD)/fuzz-replay
	$(CC) $(ALL_CFLAGS) -Isrc -o $@ $< tests/fuzz/replay.c \
		$(BUILD)/libannals.a $(ALL_LDFLAGS) $(PKG_LIBS) -lm

$(BUILD)/fuzz-replay:
	mkdir -p $@

# The command tests (a set that covers every subcommand, see the script;
# MEMCHECK_TESTS names others) with the binary under valgrind: any memory
# error or definite leak fails.
memcheck: $(BIN)
	ANNALS='$(abspath $(BIN))' sh tests/fuzz/memcheck.sh $(MEMCHECK_TESTS)

clean:
	rm -rf build $(BIN)

-include $(OBJS:.o=.d)
