# Builds and installs the cx extension with PGXS: make, make install, make installcheck.

EXTENSION = cx
MODULE_big = cx
DATA_built = cx--1.0.sql

CORE_SRCS = $(sort $(wildcard src/core/*.cpp))
GLUE_SRCS = $(sort $(wildcard src/pg/*.cpp))
OBJS = $(CORE_SRCS:.cpp=.o) $(GLUE_SRCS:.cpp=.o)

# Real-data tests read ../shared/data unless CX_DATA_DIR names another copy. Without the data
# they are left out, except under CI, where a missing directory must fail.
CX_DATA_DIR ?= $(abspath $(CURDIR)/../shared/data)
export CX_DATA_DIR
REGRESS_BASE = score_aggregates score_errors score_windows score_parallel score_summaries \
	score_compare score_robustness moments_of_truth lifetimes survival lifetime_errors scale_out catalog
REGRESS_DATA = realdata_scores realdata_lifetimes
ifneq ($(wildcard $(CX_DATA_DIR)),)
REGRESS = $(REGRESS_BASE) $(REGRESS_DATA)
else ifeq ($(CI),true)
REGRESS = $(REGRESS_BASE) $(REGRESS_DATA)
else
REGRESS = $(REGRESS_BASE)
endif

PG_CONFIG ?= pg_config
# Debian's server is built with LLVM; its bitcode rule would compile C++ without our flags.
override with_llvm = no
PG_CPPFLAGS = -I$(srcdir)/src -isystem $(shell $(PG_CONFIG) --includedir-server)
PG_CXXFLAGS = -std=c++17 -fPIC -Wno-missing-field-initializers
SHLIB_LINK = -lstdc++ -lm

PGXS := $(shell $(PG_CONFIG) --pgxs)
include $(PGXS)

cx--1.0.sql: src/sql/build-install-script $(wildcard src/sql/*.sql.in src/sql/*.sql)
	sh src/sql/build-install-script > $@

# The core includes no PostgreSQL header; this check keeps it so.
check-core-isolation:
	@! grep -rn 'include.*\(postgres\|fmgr\|pg/\)' src/core && echo "core is free of PostgreSQL"

.PHONY: check-core-isolation

# Every test: unit tests, pg_regress suite and dump/restore, on throwaway clusters.
test-all:
	test/run

.PHONY: test-all

# The demo report on real data (CX_DATA_DIR), or on a synthetic sample without it.
demo:
	@CX_DATA_DIR='$(CX_DATA_DIR)' demo/run

.PHONY: demo
