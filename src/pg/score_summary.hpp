// Shared helpers of the glue functions over nps_summary, csat_summary and ces_summary.
#pragma once

#include "core/score_summary.hpp"
#include "pg/postgres.hpp"

namespace cx::pg {

// The summary argument n.
inline const ScoreSummary *summary_arg(FunctionCallInfo fcinfo, int n)
{
    return reinterpret_cast<const ScoreSummary *>(PG_GETARG_POINTER(n));
}

// A new summary in the current memory context, holding s as stored.
inline Datum summary_datum(const ScoreSummary &s)
{
    auto *copy = static_cast<ScoreSummary *>(palloc(sizeof(ScoreSummary)));
    *copy = stored_form(s);
    return PointerGetDatum(copy);
}

}  // namespace cx::pg
