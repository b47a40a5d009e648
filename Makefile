# xianfeng — plain Makefile. `make check` installs what is missing, builds
# everything and runs every test; `make SANITIZE=1 check` does it under
# ASan+UBSan.
PREFIX  ?= /usr/local
DESTDIR ?=
VERSION := 0.1.0
CC      ?= cc
PKGS    := ncursesw sqlite3 libconfig
# ICU's headers only: src/util/collate.c loads the libraries when a name is
# first sorted (dlopen), so start-up does not map and relocate them.
ICU_PKGS := icu-i18n icu-uc

BUILD   := build$(if $(SANITIZE),-san)
CFLAGS  ?= -O2 -g
CFLAGS  += -std=c11 -D_GNU_SOURCE -Wall -Wextra -Wshadow -Wformat=2 \
           -Wstrict-prototypes -Wmissing-prototypes -Iinclude -I$(BUILD) \
           -DXF_VERSION='"$(VERSION)"' -DXF_LOCALEDIR='"$(PREFIX)/share/locale"' \
           -MMD -MP $(shell pkg-config --cflags $(PKGS) $(ICU_PKGS) 2>/dev/null)
LDLIBS  += $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lm -ldl
ifdef SANITIZE
CFLAGS  += -O1 -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
LDFLAGS += -fsanitize=address,undefined
endif

LIB_SRC  := $(sort $(wildcard src/util/*.c src/store/*.c src/domain/*.c src/cli/*.c src/ui/*.c))
LIB_OBJ  := $(LIB_SRC:%.c=$(BUILD)/%.o) $(BUILD)/schema.o
MAIN_OBJ := $(BUILD)/src/main.o
BIN      := $(BUILD)/xianfeng
TEST_SRC := $(sort $(wildcard tests/unit/test_*.c))
TEST_BIN := $(TEST_SRC:tests/unit/%.c=$(BUILD)/tests/%)

# Translations: po/LANG.po -> BUILD/locale/LANG/LC_MESSAGES/xianfeng.mo,
# found next to the binary when run from the tree.
POS := $(wildcard po/*.po)
MOS := $(POS:po/%.po=$(BUILD)/locale/%/LC_MESSAGES/xianfeng.mo)

.PHONY: all deps check unit-tests cli-tests ui-tests ssh-tests stress-tests fault-tests crash-tests fuzz fuzz-regress install clean run format pot bench bench-long valgrind
all: $(BIN) xianfeng $(MOS)

xianfeng: $(BIN)
	ln -sf $(BIN) $@

deps:
	@sh scripts/deps.sh

$(BUILD)/locale/%/LC_MESSAGES/xianfeng.mo: po/%.po
	@mkdir -p $(dir $@)
	msgfmt --check -o $@ $<

# Refreshes the template and merges it into every catalogue.
pot:
	xgettext --from-code=UTF-8 --keyword=_ --keyword=N_ --keyword=NC_:1c,2 --add-comments=TRANSLATORS \
	    --package-name=xianfeng --package-version=$(VERSION) -o po/xianfeng.pot \
	    $(sort $(wildcard src/*.c src/*/*.c include/xf/*.h))
	for po in $(POS); do msgmerge -q --update --backup=none $$po po/xianfeng.pot; done
	# English is the source language: its catalogue copies every msgid.
	msgattrib --clear-fuzzy --empty po/en.po | msgen - -o po/en.po

$(BUILD)/libxf.a: $(LIB_OBJ)
	@$(AR) rcs $@ $^

$(BIN): $(MAIN_OBJ) $(BUILD)/libxf.a
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -c -o $@ $<

# The schema lives in a .sql file people can read; it is compiled in.
$(BUILD)/schema.c: src/store/schema.sql scripts/embed.sh
	@mkdir -p $(dir $@)
	sh scripts/embed.sh xf_schema_sql < $< > $@

$(BUILD)/schema.o: $(BUILD)/schema.c
	$(CC) $(CFLAGS) -c -o $@ $<

$(BUILD)/tests/%: tests/unit/%.c tests/unit/testutil.h $(BUILD)/libxf.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $< $(BUILD)/libxf.a $(LDLIBS) -lcmocka

# Each group's runner appends "passed failed" to $(RESULTS); the total is
# the closing line CI reads.
RESULTS := $(CURDIR)/$(BUILD)/results.txt
export XF_RESULTS := $(RESULTS)

check: deps
	@mkdir -p $(BUILD) && rm -f $(RESULTS)
	$(MAKE) --no-print-directory unit-tests cli-tests ui-tests ssh-tests stress-tests fault-tests crash-tests fuzz-regress
	@awk '{ p += $$1; f += $$2 } END { printf "check: %d passed, %d failed\n", p, f }' $(RESULTS)

unit-tests: $(TEST_BIN) $(BIN) $(MOS)
	@sh tests/run-unit.sh $(TEST_BIN)

cli-tests: $(BIN) $(MOS)
	@sh tests/cli/run.sh $(BIN)

ui-tests: $(BIN) $(MOS) $(BUILD)/libxf.a
	@mkdir -p $(BUILD)/tests
	$(CC) $(CFLAGS) $(LDFLAGS) -o $(BUILD)/tests/ui_widgets tests/ui/test_widgets.c \
	    $(BUILD)/libxf.a $(LDLIBS) -lcmocka
	@sh tests/run-unit.sh $(BUILD)/tests/ui_widgets
	@sh tests/ui/run.sh $(BIN)

# Real sshd on 127.0.0.1 and real Unix accounts (tests/ssh): root only,
# skipped otherwise.
ssh-tests: $(BIN) $(MOS)
	@sh tests/ssh/run.sh $(BIN)

# Many writers at once (tests/stress): busy handling and 16 processes.
STRESS_BIN := $(BUILD)/tests/stress_busy $(BUILD)/tests/stress_writers
$(BUILD)/tests/stress_%: tests/stress/%.c tests/unit/testutil.h $(BUILD)/libxf.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $< $(BUILD)/libxf.a $(LDLIBS) -lcmocka

stress-tests: $(STRESS_BIN)
	@sh tests/stress/run.sh $(BUILD)/tests

# A full disk (tmpfs), read-only files and directories, a held lock,
# damaged files, backups under writers and restore (tests/faults). Parts
# that need root (mount, acting as nobody) are reported as skipped.
fault-tests: $(BIN) $(MOS)
	@sh tests/faults/run.sh $(BIN)

# SIGKILL at random moments during import, demo, domain writes and the
# interface, then the signals the interface may get (tests/crash): each
# transaction wholly there or absent, the terminal restored. About three
# minutes; XF_CRASH_KILLS sets the number of kills (300).
$(BUILD)/tests/crash_writer: tests/crash/writer.c $(BUILD)/libxf.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $< $(BUILD)/libxf.a $(LDLIBS)

crash-tests: $(BIN) $(MOS) $(BUILD)/tests/crash_writer
	@sh tests/crash/run.sh $(BIN) $(BUILD)/tests/crash_writer

# Fuzzing (tests/fuzz). `make fuzz` builds the libFuzzer targets with clang
# and runs each for FUZZ_SECONDS; what crashes is kept in
# tests/fuzz/crashes/<target>/. fuzz-regress replays those and the seed
# corpus with the ordinary compiler, as part of check.
FUZZ_SRC     := $(sort $(wildcard tests/fuzz/fuzz_*.c))
FUZZ_SECONDS ?= 120
FUZZ_CC      ?= clang
FUZZ_SAN     := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
$(BUILD)/tests/fuzz_regress: tests/fuzz/regress.c tests/fuzz/fuzz.h $(FUZZ_SRC) $(BUILD)/libxf.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(LDFLAGS) -DXF_FUZZ_REGRESS -o $@ tests/fuzz/regress.c $(FUZZ_SRC) \
	    $(BUILD)/libxf.a $(LDLIBS)

fuzz-regress: $(BUILD)/tests/fuzz_regress
	@$< tests/fuzz

# Memory checking, not part of check (about ten minutes): the command-line
# suite and the interface journeys in VALGRIND_UI run with
# tests/valgrind-wrap.sh as the binary, so every xianfeng process runs under
# valgrind; a definite or indirect leak or an invalid access exits 99 and
# fails its test. Reports: $(BUILD)/valgrind/vg.PID.log (empty when clean).
VALGRIND_UI ?= tests/ui/test_overview.sh tests/ui/test_hostile.sh
valgrind: $(BIN) $(MOS)
	@command -v valgrind >/dev/null || { echo "valgrind: not installed (sh scripts/deps.sh)"; exit 1; }
	@[ -z "$(SANITIZE)" ] || { echo "valgrind: build without SANITIZE"; exit 2; }
	@rm -rf $(BUILD)/valgrind && mkdir -p $(BUILD)/valgrind
	@export XF_REAL=$(CURDIR)/$(BIN) XF_VG_LOG=$(CURDIR)/$(BUILD)/valgrind XF_RESULTS=; \
	rc=0; sh tests/cli/run.sh tests/valgrind-wrap.sh || rc=1; \
	export XF=$(CURDIR)/tests/valgrind-wrap.sh UI_DIR=$(CURDIR)/tests/ui; \
	for t in $(VALGRIND_UI); do echo "== $$t"; \
	    out=$$(sh -c '. "$$1"/lib.sh; pass=0; fail=0; . "$$2"; echo "counts $$pass $$fail"' \
	        sh "$$UI_DIR" "$$t" 2>&1); echo "$$out" | grep -v '^counts '; \
	    echo "$$out" | grep -q '^counts [0-9]* 0$$' || rc=1; done; \
	bad=$$(find $(BUILD)/valgrind -name 'vg.*.log' -size +0 | wc -l); \
	all=$$(find $(BUILD)/valgrind -name 'vg.*.log' | wc -l); \
	find $(BUILD)/valgrind -name 'vg.*.log' -size +0 -exec cat {} +; \
	echo "valgrind: $$all processes checked, $$bad with errors or leaks"; \
	[ $$rc -eq 0 ] && [ $$bad -eq 0 ]

$(BUILD)/fuzzers/%: tests/fuzz/%.c tests/fuzz/fuzz.h $(BUILD)/libxf.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -fsanitize=fuzzer $(LDFLAGS) -o $@ $< $(BUILD)/libxf.a $(LDLIBS)

fuzz:
	@command -v $(FUZZ_CC) >/dev/null || { echo "fuzz: needs $(FUZZ_CC) and its libFuzzer" \
	    "runtime (Debian: apt-get install clang libclang-rt-dev)"; exit 1; }
	CFLAGS="-O1 -g $(FUZZ_SAN) -fsanitize=fuzzer-no-link" LDFLAGS="$(FUZZ_SAN)" \
	    $(MAKE) --no-print-directory CC=$(FUZZ_CC) BUILD=build/fuzz SANITIZE= \
	    $(FUZZ_SRC:tests/fuzz/%.c=build/fuzz/fuzzers/%)
	@sh tests/fuzz/run.sh build/fuzz $(FUZZ_SECONDS) $(FUZZ_TARGETS)

# Benchmarks (bench/README.md): timings, not tests; never part of check.
# bench-long runs the WAL test for the issue's 10 minutes instead of 1.
BENCH_BIN := $(BUILD)/bench/xfbench $(BUILD)/bench/writers
$(BUILD)/bench/%: bench/%.c $(BUILD)/libxf.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $< $(BUILD)/libxf.a $(LDLIBS) -lutil

bench: $(BIN) $(BENCH_BIN)
	@sh bench/run.sh $(BUILD) 1

bench-long: $(BIN) $(BENCH_BIN)
	@sh bench/run.sh $(BUILD) 10

# Opens the interface on a demo database (created on first use).
run:
	@sh scripts/deps.sh
	@$(MAKE) --no-print-directory all
	@sh scripts/demo-db.sh ./xianfeng demo/xianfeng.db
	./xianfeng --db demo/xianfeng.db

# Installs the program, its manual and catalogues, the sample config (never
# over an existing one) and the shared database directory: group xianfeng,
# mode 2770 (setgid, so the database and its -wal/-shm files stay in the
# group). With DESTDIR (packaging) nothing outside DESTDIR is touched and
# the steps left for the administrator are printed. See doc/DEPLOY.md.
XF_GROUP ?= xianfeng
XF_DATADIR := /var/lib/xianfeng
install: $(BIN) $(MOS)
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/doc/xianfeng \
	    $(DESTDIR)$(PREFIX)/share/man/man1 $(DESTDIR)$(PREFIX)/share/man/zh_CN/man1
	for mo in $(MOS); do lang=$${mo#$(BUILD)/locale/}; lang=$${lang%%/*}; \
	    install -d $(DESTDIR)$(PREFIX)/share/locale/$$lang/LC_MESSAGES; \
	    install -m 644 $$mo $(DESTDIR)$(PREFIX)/share/locale/$$lang/LC_MESSAGES/xianfeng.mo; done
	install -m 755 $(BIN) $(DESTDIR)$(PREFIX)/bin/xianfeng
	install -m 644 doc/xianfeng.1 $(DESTDIR)$(PREFIX)/share/man/man1/xianfeng.1
	install -m 644 doc/xianfeng.zh_CN.1 $(DESTDIR)$(PREFIX)/share/man/zh_CN/man1/xianfeng.1
	install -m 644 conf/xianfeng.cfg README.md CHANGELOG doc/DEPLOY.md \
	    $(DESTDIR)$(PREFIX)/share/doc/xianfeng/
	install -d -m 755 $(DESTDIR)/etc/xianfeng
	[ -e $(DESTDIR)/etc/xianfeng/xianfeng.cfg ] || \
	    install -m 644 conf/xianfeng.cfg $(DESTDIR)/etc/xianfeng/xianfeng.cfg
	@if [ -n "$(DESTDIR)" ]; then \
	    echo install -d -m 2770 $(DESTDIR)$(XF_DATADIR); \
	    install -d -m 2770 $(DESTDIR)$(XF_DATADIR); \
	    echo "xianfeng: staged in $(DESTDIR). On the server, as root:"; \
	    echo "    getent group $(XF_GROUP) >/dev/null || groupadd --system $(XF_GROUP)"; \
	    echo "    chgrp $(XF_GROUP) $(XF_DATADIR) && chmod 2770 $(XF_DATADIR)"; \
	    echo "    then add the users to group $(XF_GROUP) (see doc/DEPLOY.md)"; \
	else \
	    if ! getent group $(XF_GROUP) >/dev/null; then \
	        echo groupadd --system $(XF_GROUP); groupadd --system $(XF_GROUP) || exit 1; fi; \
	    echo install -d -m 2770 -g $(XF_GROUP) $(XF_DATADIR); \
	    install -d -m 2770 -g $(XF_GROUP) $(XF_DATADIR) || exit 1; \
	    chgrp $(XF_GROUP) $(XF_DATADIR) && chmod 2770 $(XF_DATADIR) || exit 1; \
	    if [ -e $(XF_DATADIR)/xianfeng.db ]; then \
	        echo "xianfeng: installed; the database $(XF_DATADIR)/xianfeng.db is kept"; \
	        echo "    (its schema is brought up to date at the first start; then: xianfeng check)"; \
	    else \
	        echo "xianfeng: installed. Next (doc/DEPLOY.md, sections 3-5): create the database"; \
	        echo "    before listing any user: sg $(XF_GROUP) -c 'xianfeng init' (as root);"; \
	        echo "    then list the users, yourself as admin, in /etc/xianfeng/xianfeng.cfg"; \
	        echo "    and add them to group $(XF_GROUP)"; \
	    fi; \
	fi

# Removes what install put under PREFIX; the configuration and the database
# are the administrator's and stay.
.PHONY: uninstall
uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/xianfeng $(DESTDIR)$(PREFIX)/share/man/man1/xianfeng.1 \
	    $(DESTDIR)$(PREFIX)/share/man/zh_CN/man1/xianfeng.1
	for mo in $(MOS); do lang=$${mo#$(BUILD)/locale/}; lang=$${lang%%/*}; \
	    rm -f $(DESTDIR)$(PREFIX)/share/locale/$$lang/LC_MESSAGES/xianfeng.mo; done
	rm -rf $(DESTDIR)$(PREFIX)/share/doc/xianfeng
	@# the directories install made, where nothing else has come to live
	@for mo in $(MOS); do lang=$${mo#$(BUILD)/locale/}; lang=$${lang%%/*}; \
	    rmdir $(DESTDIR)$(PREFIX)/share/locale/$$lang/LC_MESSAGES \
	        $(DESTDIR)$(PREFIX)/share/locale/$$lang 2>/dev/null; done; \
	rmdir $(DESTDIR)$(PREFIX)/share/man/zh_CN/man1 $(DESTDIR)$(PREFIX)/share/man/zh_CN \
	    $(DESTDIR)$(PREFIX)/share/man/man1 $(DESTDIR)$(PREFIX)/share/doc 2>/dev/null; true
	@echo "xianfeng: kept /etc/xianfeng and $(XF_DATADIR) (configuration and data);" \
	    "remove them by hand if you mean to"

clean:
	rm -rf build build-san xianfeng

format:
	clang-format -i src/*.c src/*/*.c include/xf/*.h tests/unit/*.c

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
