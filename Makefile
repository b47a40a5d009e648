# xianfeng — plain Makefile. `make check` installs what is missing, builds
# everything and runs every test; `make SANITIZE=1 check` does it under
# ASan+UBSan.
PREFIX  ?= /usr/local
DESTDIR ?=
VERSION := 0.1.0
CC      ?= cc
PKGS    := ncursesw sqlite3 libconfig

BUILD   := build$(if $(SANITIZE),-san)
CFLAGS  ?= -O2 -g
CFLAGS  += -std=c11 -D_GNU_SOURCE -Wall -Wextra -Wshadow -Wformat=2 \
           -Wstrict-prototypes -Wmissing-prototypes -Iinclude -I$(BUILD) \
           -DXF_VERSION='"$(VERSION)"' -DXF_LOCALEDIR='"$(PREFIX)/share/locale"' \
           -MMD -MP $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
LDLIBS  += $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lm
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

.PHONY: all deps check unit-tests cli-tests ui-tests install clean run format pot
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
	xgettext --from-code=UTF-8 --keyword=_ --keyword=N_ --add-comments=TRANSLATORS \
	    --package-name=xianfeng --package-version=$(VERSION) -o po/xianfeng.pot \
	    $(sort $(wildcard src/*.c src/*/*.c))
	for po in $(POS); do msgmerge -q --update --backup=none $$po po/xianfeng.pot; done

$(BUILD)/libxf.a: $(LIB_OBJ)
	$(AR) rcs $@ $^

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
	$(MAKE) --no-print-directory unit-tests cli-tests ui-tests
	@awk '{ p += $$1; f += $$2 } END { printf "check: %d passed, %d failed\n", p, f }' $(RESULTS)

unit-tests: $(TEST_BIN) $(BIN)
	@sh tests/run-unit.sh $(TEST_BIN)

cli-tests: $(BIN)
	@sh tests/cli/run.sh $(BIN)

ui-tests: $(BIN) $(BUILD)/libxf.a
	@mkdir -p $(BUILD)/tests
	$(CC) $(CFLAGS) $(LDFLAGS) -o $(BUILD)/tests/ui_widgets tests/ui/test_widgets.c \
	    $(BUILD)/libxf.a $(LDLIBS) -lcmocka
	@sh tests/run-unit.sh $(BUILD)/tests/ui_widgets
	@sh tests/ui/run.sh $(BIN)

# Opens the interface on a demo database (created on first use).
run:
	@sh scripts/deps.sh
	@$(MAKE) --no-print-directory all
	@mkdir -p demo
	@[ -e demo/xianfeng.db ] || { ./xianfeng init --db demo/xianfeng.db && \
	    { ./xianfeng demo --db demo/xianfeng.db || echo "run: demo data failed; the database stays empty"; }; }
	./xianfeng --db demo/xianfeng.db

install: $(BIN) $(MOS)
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/doc/xianfeng
	for mo in $(MOS); do lang=$${mo#$(BUILD)/locale/}; lang=$${lang%%/*}; \
	    install -d $(DESTDIR)$(PREFIX)/share/locale/$$lang/LC_MESSAGES; \
	    install -m 644 $$mo $(DESTDIR)$(PREFIX)/share/locale/$$lang/LC_MESSAGES/xianfeng.mo; done
	install -m 755 $(BIN) $(DESTDIR)$(PREFIX)/bin/xianfeng
	install -m 644 conf/xianfeng.cfg README.md CHANGELOG $(DESTDIR)$(PREFIX)/share/doc/xianfeng/
	install -d $(DESTDIR)/etc/xianfeng
	[ -e $(DESTDIR)/etc/xianfeng/xianfeng.cfg ] || install -m 644 conf/xianfeng.cfg $(DESTDIR)/etc/xianfeng/xianfeng.cfg

clean:
	rm -rf build build-san xianfeng

format:
	clang-format -i src/*.c src/*/*.c include/xf/*.h tests/unit/*.c

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
