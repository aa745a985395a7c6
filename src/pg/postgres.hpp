// The one way the glue layer includes PostgreSQL: C linkage, and the differences between major
// versions kept in one place.
#pragma once

extern "C" {
#include "postgres.h"

#include "access/hash.h"
#include "catalog/pg_type.h"
#include "common/hashfn.h"
#include "fmgr.h"
#include "funcapi.h"
#include "libpq/pqformat.h"
#include "mb/pg_wchar.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/lsyscache.h"
#include "utils/numeric.h"
#include "utils/timestamp.h"

#if PG_VERSION_NUM >= 160000
#include "varatt.h"
#endif
}

// c.h and port.h define names that collide with the C++ standard library.
#undef Min
#undef Max
#undef _
#undef snprintf
#undef vsnprintf
#undef sprintf
#undef printf
#undef fprintf
#undef strerror

// Declares an SQL-callable function with C linkage and its version-1 call convention.
#define CX_FUNCTION(name)      \
    extern "C" {               \
    PG_FUNCTION_INFO_V1(name); \
    }                          \
    extern "C" Datum name(PG_FUNCTION_ARGS)
