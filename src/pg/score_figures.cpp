// Figures of score summaries as SQL functions: the metrics, counts, standard errors, intervals
// and two-sample comparisons. Each returns double precision or bigint, NULL where undefined.
#include "core/score_metrics.hpp"
#include "pg/boundary.hpp"
#include "pg/score_summary.hpp"

namespace cx::pg {
namespace {

constexpr double kDefaultConfidence = 0.95;

// Returns a figure, NULL when it is undefined.
Datum figure_datum(FunctionCallInfo fcinfo, const Figure &figure)
{
    if (!figure)
        PG_RETURN_NULL();
    PG_RETURN_FLOAT8(*figure);
}

// The optional confidence argument n.
double confidence_arg(FunctionCallInfo fcinfo, int n)
{
    return PG_NARGS() > n ? PG_GETARG_FLOAT8(n) : kDefaultConfidence;
}

// Computes a figure through the boundary, since the statistics can throw.
template <typename Compute>
Datum guarded_figure(FunctionCallInfo fcinfo, Compute compute)
{
    Figure figure;
    guarded_void([&] { figure = compute(); });
    return figure_datum(fcinfo, figure);
}

// One bound of the confidence interval of the summary argument.
Datum interval_bound(FunctionCallInfo fcinfo, bool upper)
{
    const ScoreSummary *s = summary_arg(fcinfo, 0);
    double confidence = confidence_arg(fcinfo, 1);
    return guarded_figure(fcinfo, [&]() -> Figure {
        std::optional<Interval> interval = confidence_interval(*s, confidence);
        if (!interval)
            return std::nullopt;
        return upper ? interval->upper : interval->lower;
    });
}

// Returns a count, or raises ERROR 22003 if the summary's total does not fit.
Datum count_datum(int64_t (*count)(const ScoreSummary &), const ScoreSummary &s)
{
    int64_t n = 0;
    guarded_void([&] { n = count(s); });
    return Int64GetDatum(n);
}

}  // namespace
}  // namespace cx::pg

using namespace cx;
using namespace cx::pg;

// nps(nps_summary); also the final function of the one-step nps() aggregates.
CX_FUNCTION(cx_summary_nps)
{
    const ScoreSummary *s = summary_arg(fcinfo, 0);
    return guarded_figure(fcinfo, [&] { return nps(*s); });
}

// csat(csat_summary [, satisfied_from]); also the final function of csat().
CX_FUNCTION(cx_summary_csat)
{
    const ScoreSummary *s = summary_arg(fcinfo, 0);
    int satisfied_from = PG_NARGS() > 1 ? PG_GETARG_INT32(1) : kDefaultSatisfiedFrom;
    return guarded_figure(fcinfo, [&] { return csat(*s, satisfied_from); });
}

// ces(ces_summary); also the final function of ces().
CX_FUNCTION(cx_summary_ces)
{
    const ScoreSummary *s = summary_arg(fcinfo, 0);
    return guarded_figure(fcinfo, [&] { return ces(*s); });
}

CX_FUNCTION(cx_summary_responses) { return count_datum(responses, *summary_arg(fcinfo, 0)); }

CX_FUNCTION(cx_summary_effective_responses)
{
    const ScoreSummary *s = summary_arg(fcinfo, 0);
    return guarded_figure(fcinfo, [&]() -> Figure { return effective_responses(*s); });
}

CX_FUNCTION(cx_summary_promoters) { return count_datum(promoters, *summary_arg(fcinfo, 0)); }
CX_FUNCTION(cx_summary_passives) { return count_datum(passives, *summary_arg(fcinfo, 0)); }
CX_FUNCTION(cx_summary_detractors) { return count_datum(detractors, *summary_arg(fcinfo, 0)); }

// score_count(summary, score): answers of one score; NULL for a bucket-only summary.
CX_FUNCTION(cx_summary_score_count)
{
    const ScoreSummary *s = summary_arg(fcinfo, 0);
    int32 score = PG_GETARG_INT32(1);
    guarded_void([&] { check_score(metric_of(*s), static_cast<int64_t>(score)); });
    if (is_buckets_only(*s))
        PG_RETURN_NULL();
    PG_RETURN_INT64(s->counts[score - scale_of(*s).lowest]);
}

CX_FUNCTION(cx_summary_std_error)
{
    const ScoreSummary *s = summary_arg(fcinfo, 0);
    return guarded_figure(fcinfo, [&] { return std_error(*s); });
}
CX_FUNCTION(cx_summary_std_dev)
{
    const ScoreSummary *s = summary_arg(fcinfo, 0);
    return guarded_figure(fcinfo, [&] { return std_dev(*s); });
}

// margin_of_error(summary [, confidence]).
CX_FUNCTION(cx_summary_margin_of_error)
{
    const ScoreSummary *s = summary_arg(fcinfo, 0);
    double confidence = confidence_arg(fcinfo, 1);
    return guarded_figure(fcinfo, [&] { return margin_of_error(*s, confidence); });
}

CX_FUNCTION(cx_summary_ci_lower) { return interval_bound(fcinfo, false); }
CX_FUNCTION(cx_summary_ci_upper) { return interval_bound(fcinfo, true); }

// compare(a, b): difference, std_error, statistic and p_value of a two-sample test.
CX_FUNCTION(cx_summary_compare)
{
    const ScoreSummary *a = summary_arg(fcinfo, 0);
    const ScoreSummary *b = summary_arg(fcinfo, 1);
    Comparison c;
    guarded_void([&] { c = compare(*a, *b); });

    TupleDesc desc;
    if (get_call_result_type(fcinfo, nullptr, &desc) != TYPEFUNC_COMPOSITE)
        ereport(ERROR, (errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                        errmsg("compare() must be called where a record is expected")));
    desc = BlessTupleDesc(desc);

    const Figure *fields[] = {&c.difference, &c.std_error, &c.statistic, &c.p_value};
    Datum values[4];
    bool nulls[4];
    for (int i = 0; i < 4; i++) {
        nulls[i] = !fields[i]->has_value();
        values[i] = nulls[i] ? Datum(0) : Float8GetDatum(**fields[i]);
    }
    PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(desc, values, nulls)));
}
