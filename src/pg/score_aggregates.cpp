// Transition, inverse transition, combine and final functions of the score aggregates: nps(),
// csat(), ces(), their *_agg() summary forms and rollup(). The state is the summary type itself,
// updated in place inside an aggregate; the per-row functions allocate nothing.
#include "pg/boundary.hpp"
#include "pg/score_summary.hpp"

#include <cmath>
#include <type_traits>

namespace cx::pg {
namespace {

// The hot path is kept free of a stack frame: every error path and the copy for a direct call
// live in out-of-line cold functions, and the scale is a constant of each metric's symbol.
#define CX_HOT inline __attribute__((always_inline))
#define CX_COLD __attribute__((noinline, cold))

// Whether an aggregate or window aggregate called us, which lets the state change in place.
// The same test as AggCheckCallContext, inline: that call costs a noticeable share of a row.
CX_HOT bool called_as_aggregate(FunctionCallInfo fcinfo)
{
    Node *context = fcinfo->context;
    return context && (IsA(context, AggState) || IsA(context, WindowAggState));
}

// A copy of the state argument, for a transition function called directly. Such a call can
// pass any stored summary, so it is checked as input is; bucket-only summaries are refused
// because rows cannot be added to or removed from buckets (their + operator merges them).
CX_COLD ScoreSummary *copy_of_state(FunctionCallInfo fcinfo)
{
    auto *copy = static_cast<ScoreSummary *>(palloc(sizeof(ScoreSummary)));
    *copy = stored_form(*reinterpret_cast<ScoreSummary *>(PG_GETARG_POINTER(0)));
    guarded_void([&] { validate(*copy, metric_of(*copy), ErrorKind::invalid_parameter); });
    if (is_buckets_only(*copy))
        ereport(ERROR, (errcode(ERRCODE_INVALID_PARAMETER_VALUE),
                        errmsg("transition functions take no bucket-only summary"),
                        errdetail("A summary built from bucket counts knows no single answers."),
                        errhint("Merge summaries with the + operator or rollup().")));
    return copy;
}

// The state to update: the argument itself inside an aggregate, a copy when called directly.
CX_HOT ScoreSummary *state_for_update(FunctionCallInfo fcinfo)
{
    if (likely(called_as_aggregate(fcinfo)))
        return reinterpret_cast<ScoreSummary *>(PG_GETARG_POINTER(0));
    return copy_of_state(fcinfo);
}

// Raises ERROR 22003 for a count that would exceed 2^63 - 1.
[[noreturn]] CX_COLD void reject_count_overflow()
{
    ereport(ERROR,
            (errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE), errmsg("summary count out of range"),
             errdetail("A count of the summary would exceed 2^63 - 1.")));
    pg_unreachable();
}

// Raises ERROR 22003 for weight sums that would leave the range of double precision.
[[noreturn]] CX_COLD void reject_weight_overflow()
{
    ereport(ERROR,
            (errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE), errmsg("summary weight out of range"),
             errdetail("The sum of the weights or of their squares would exceed the range of "
                       "double precision, or a count would exceed 2^63 - 1."),
             errhint("Scale the weights down, for example to a mean of 1.")));
    pg_unreachable();
}

// Raises ERROR 22003 for an integer score off the metric's scale.
[[noreturn]] CX_COLD void reject_integer_score(Metric metric, int64 score)
{
    guarded_void([&] { check_score(metric, static_cast<int64_t>(score)); });
    pg_unreachable();
}

// Raises ERROR 22003 for a double precision score off the scale or not a whole number.
[[noreturn]] CX_COLD void reject_float_score(Metric metric, double score)
{
    guarded_void([&] { check_score(metric, score); });
    pg_unreachable();
}

// Raises ERROR 22023 for a weight that is not 0 or within the accepted range.
[[noreturn]] CX_COLD void reject_weight(double weight)
{
    guarded_void([&] { check_weight(weight); });
    pg_unreachable();
}

// The score of an integer argument, checked against the scale of metric M: one unsigned
// comparison covers both ends.
template <Metric M>
CX_HOT int integer_score(int64 score)
{
    constexpr Scale scale = scale_of(M);
    if (unlikely(static_cast<uint64>(score) - static_cast<uint64>(scale.lowest) >
                 static_cast<uint64>(scale.highest - scale.lowest)))
        reject_integer_score(M, score);
    return static_cast<int>(score);
}

// The score of a double precision argument, which must be a whole number on the scale.
template <Metric M>
CX_HOT int float_score(double score)
{
    constexpr Scale scale = scale_of(M);
    if (unlikely(!(score >= scale.lowest && score <= scale.highest) || score != std::floor(score)))
        reject_float_score(M, score);
    return static_cast<int>(score);
}

// The score of a numeric argument, which must be a whole number on the scale.
template <Metric M>
int numeric_score(Datum value)
{
    Numeric number = DatumGetNumeric(value);
    bool whole = !numeric_is_nan(number) && !numeric_is_inf(number);
    if (whole) {
        Datum truncated = DirectFunctionCall2(numeric_trunc, value, Int32GetDatum(0));
        whole = DatumGetBool(DirectFunctionCall2(numeric_eq, value, truncated));
    }
    if (whole) {
        double d = DatumGetFloat8(DirectFunctionCall1(numeric_float8_no_overflow, value));
        if (scale_of(M).contains(static_cast<int64_t>(std::fmax(-1e18, std::fmin(1e18, d)))))
            return static_cast<int>(d);
    }
    const char *shown = DatumGetCString(DirectFunctionCall1(numeric_out, value));
    guarded_void([&] { reject_score(M, shown, whole); });
    pg_unreachable();
}

struct Int2 {};
struct Int4 {};
struct Int8 {};
struct Float8 {};
struct Numeric_ {};

// Reads argument 1 as a score of the declared SQL type on the scale of metric M.
template <Metric M, typename Kind>
CX_HOT int score_arg(FunctionCallInfo fcinfo)
{
    if constexpr (std::is_same_v<Kind, Int2>)
        return integer_score<M>(PG_GETARG_INT16(1));
    else if constexpr (std::is_same_v<Kind, Int4>)
        return integer_score<M>(PG_GETARG_INT32(1));
    else if constexpr (std::is_same_v<Kind, Int8>)
        return integer_score<M>(PG_GETARG_INT64(1));
    else if constexpr (std::is_same_v<Kind, Float8>)
        return float_score<M>(PG_GETARG_FLOAT8(1));
    else
        return numeric_score<M>(PG_GETARG_DATUM(1));
}

// The weight argument 2, finite and >= 0.
CX_HOT double weight_arg(FunctionCallInfo fcinfo)
{
    double weight = PG_GETARG_FLOAT8(2);
    if (unlikely(!valid_weight(weight)))
        reject_weight(weight);
    return weight;
}

// Transition: counts one answer. The score is read before the state is touched, so that a
// rejected score leaves the state as it was.
template <Metric M, typename Kind>
CX_HOT Datum add(FunctionCallInfo fcinfo)
{
    int score = score_arg<M, Kind>(fcinfo);
    ScoreSummary *state = state_for_update(fcinfo);
    int64_t &count = state->counts[score - scale_of(M).lowest];
    if (unlikely(count == INT64_MAX))
        reject_count_overflow();
    count++;
    PG_RETURN_POINTER(state);
}

// Inverse transition: removes one answer that add counted.
template <Metric M, typename Kind>
CX_HOT Datum remove(FunctionCallInfo fcinfo)
{
    int score = score_arg<M, Kind>(fcinfo);
    ScoreSummary *state = state_for_update(fcinfo);
    if (!remove_score(*state, score))
        PG_RETURN_NULL();
    PG_RETURN_POINTER(state);
}

// Weighted transition: counts one answer with its weight.
template <Metric M, typename Kind>
CX_HOT Datum add_weighted(FunctionCallInfo fcinfo)
{
    int score = score_arg<M, Kind>(fcinfo);
    double weight = weight_arg(fcinfo);
    ScoreSummary *state = state_for_update(fcinfo);
    if (unlikely(!add_weighted_score(*state, score, weight)))
        reject_weight_overflow();
    PG_RETURN_POINTER(state);
}

// Weighted inverse transition; NULL asks for a recomputation when the sums may have rounded.
template <Metric M, typename Kind>
CX_HOT Datum remove_weighted(FunctionCallInfo fcinfo)
{
    int score = score_arg<M, Kind>(fcinfo);
    double weight = weight_arg(fcinfo);
    ScoreSummary *state = state_for_update(fcinfo);
    if (!remove_weighted_score(*state, score, weight))
        PG_RETURN_NULL();
    PG_RETURN_POINTER(state);
}

}  // namespace
}  // namespace cx::pg

using namespace cx;
using namespace cx::pg;

// The four transition functions of one metric and score type, each a symbol of its own so that
// the scale is a compile-time constant.
#define CX_SCORE_TRANSITIONS(kind, M, suffix, Kind)                                      \
    CX_FUNCTION(cx_##kind##_summary_add_##suffix) { return add<M, Kind>(fcinfo); }       \
    CX_FUNCTION(cx_##kind##_summary_remove_##suffix) { return remove<M, Kind>(fcinfo); } \
    CX_FUNCTION(cx_##kind##_summary_add_weighted_##suffix)                               \
    {                                                                                    \
        return add_weighted<M, Kind>(fcinfo);                                            \
    }                                                                                    \
    CX_FUNCTION(cx_##kind##_summary_remove_weighted_##suffix)                            \
    {                                                                                    \
        return remove_weighted<M, Kind>(fcinfo);                                         \
    }

#define CX_METRIC_TRANSITIONS(kind, M)            \
    CX_SCORE_TRANSITIONS(kind, M, int2, Int2)     \
    CX_SCORE_TRANSITIONS(kind, M, int4, Int4)     \
    CX_SCORE_TRANSITIONS(kind, M, int8, Int8)     \
    CX_SCORE_TRANSITIONS(kind, M, float8, Float8) \
    CX_SCORE_TRANSITIONS(kind, M, numeric, Numeric_)

CX_METRIC_TRANSITIONS(nps, Metric::nps)
CX_METRIC_TRANSITIONS(csat, Metric::csat)
CX_METRIC_TRANSITIONS(ces, Metric::ces)

// Combine, and the transition of rollup(): merges a summary into the state.
CX_FUNCTION(cx_summary_merge_into)
{
    ScoreSummary *state = state_for_update(fcinfo);
    const ScoreSummary *other = summary_arg(fcinfo, 1);
    guarded_void([&] { merge(*state, *other); });
    PG_RETURN_POINTER(state);
}

// Inverse transition of rollup(): removes a summary that merge_into added. Weighted and
// bucket-only summaries ask for a recomputation, which alone knows what remains of their kind.
CX_FUNCTION(cx_summary_unmerge)
{
    ScoreSummary *state = state_for_update(fcinfo);
    const ScoreSummary *other = summary_arg(fcinfo, 1);
    if ((state->flags & kInexactWeights) || is_weighted(*other) || is_buckets_only(*other))
        PG_RETURN_NULL();
    guarded_void([&] { subtract(*state, *other); });
    PG_RETURN_POINTER(state);
}

// Final function of the summary aggregates: the state as stored, leaving the state unchanged.
CX_FUNCTION(cx_summary_finish) { return summary_datum(*summary_arg(fcinfo, 0)); }

// The + operator: the summary of the answers of both.
CX_FUNCTION(cx_summary_plus)
{
    ScoreSummary sum = *summary_arg(fcinfo, 0);
    const ScoreSummary *other = summary_arg(fcinfo, 1);
    guarded_void([&] { merge(sum, *other); });
    return summary_datum(sum);
}

// The - operator: the first summary without the answers of the second, which it contains.
CX_FUNCTION(cx_summary_minus)
{
    ScoreSummary rest = *summary_arg(fcinfo, 0);
    const ScoreSummary *other = summary_arg(fcinfo, 1);
    guarded_void([&] { subtract(rest, *other); });
    return summary_datum(rest);
}
