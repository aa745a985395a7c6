// Transition, inverse transition, combine and final functions of the score aggregates: nps(),
// csat(), ces(), their *_agg() summary forms and rollup(). The state is the summary type itself,
// updated in place inside an aggregate; the per-row functions allocate nothing.
#include "pg/boundary.hpp"
#include "pg/score_summary.hpp"

#include <cmath>

namespace cx::pg {
namespace {

// The state to update: the argument itself inside an aggregate, a copy when called directly.
ScoreSummary *state_for_update(FunctionCallInfo fcinfo)
{
    auto *state = reinterpret_cast<ScoreSummary *>(PG_GETARG_POINTER(0));
    if (AggCheckCallContext(fcinfo, nullptr))
        return state;
    auto *copy = static_cast<ScoreSummary *>(palloc(sizeof(ScoreSummary)));
    *copy = *state;
    return copy;
}

// Raises ERROR 22003 for a score off the state's scale.
[[noreturn]] void reject_integer_score(const ScoreSummary &state, int64 score)
{
    guarded_void([&] { check_score(metric_of(state), static_cast<int64_t>(score)); });
    pg_unreachable();
}

// The score of an integer argument, checked against the state's scale.
inline int integer_score(const ScoreSummary &state, int64 score)
{
    if (unlikely(!scale_of(state).contains(score)))
        reject_integer_score(state, score);
    return static_cast<int>(score);
}

// The score of a double precision argument, which must be a whole number on the scale.
inline int float_score(const ScoreSummary &state, double score)
{
    Scale scale = scale_of(state);
    if (unlikely(!(score >= scale.lowest && score <= scale.highest) || score != std::floor(score)))
        guarded_void([&] { check_score(metric_of(state), score); });
    return static_cast<int>(score);
}

// The score of a numeric argument, which must be a whole number on the scale.
int numeric_score(const ScoreSummary &state, Datum value)
{
    Numeric number = DatumGetNumeric(value);
    bool whole =
        !numeric_is_nan(number) && !numeric_is_inf(number) &&
        DatumGetBool(DirectFunctionCall2(
            numeric_eq, value, DirectFunctionCall2(numeric_trunc, value, Int32GetDatum(0))));
    if (whole) {
        double d = DatumGetFloat8(DirectFunctionCall1(numeric_float8_no_overflow, value));
        if (scale_of(state).contains(static_cast<int64_t>(std::fmax(-1e18, std::fmin(1e18, d)))))
            return static_cast<int>(d);
    }
    const char *shown = DatumGetCString(DirectFunctionCall1(numeric_out, value));
    guarded_void([&] { reject_score(metric_of(state), shown, whole); });
    pg_unreachable();
}

// Reads argument 1 as a score of the declared SQL type.
template <typename Kind>
int score_arg(FunctionCallInfo fcinfo, const ScoreSummary &state);

struct Int2 {};
struct Int4 {};
struct Int8 {};
struct Float8 {};
struct Numeric_ {};

template <>
int score_arg<Int2>(FunctionCallInfo fcinfo, const ScoreSummary &state)
{
    return integer_score(state, PG_GETARG_INT16(1));
}

template <>
int score_arg<Int4>(FunctionCallInfo fcinfo, const ScoreSummary &state)
{
    return integer_score(state, PG_GETARG_INT32(1));
}

template <>
int score_arg<Int8>(FunctionCallInfo fcinfo, const ScoreSummary &state)
{
    return integer_score(state, PG_GETARG_INT64(1));
}

template <>
int score_arg<Float8>(FunctionCallInfo fcinfo, const ScoreSummary &state)
{
    return float_score(state, PG_GETARG_FLOAT8(1));
}

template <>
int score_arg<Numeric_>(FunctionCallInfo fcinfo, const ScoreSummary &state)
{
    return numeric_score(state, PG_GETARG_DATUM(1));
}

// The weight argument 2, finite and >= 0.
double weight_arg(FunctionCallInfo fcinfo)
{
    double weight = PG_GETARG_FLOAT8(2);
    if (unlikely(!std::isfinite(weight) || weight < 0))
        guarded_void([&] { check_weight(weight); });
    return weight;
}

// Transition: counts one answer.
template <typename Kind>
Datum add(FunctionCallInfo fcinfo)
{
    ScoreSummary *state = state_for_update(fcinfo);
    add_score(*state, score_arg<Kind>(fcinfo, *state));
    PG_RETURN_POINTER(state);
}

// Inverse transition: removes one answer that add counted.
template <typename Kind>
Datum remove(FunctionCallInfo fcinfo)
{
    ScoreSummary *state = state_for_update(fcinfo);
    if (!remove_score(*state, score_arg<Kind>(fcinfo, *state)))
        PG_RETURN_NULL();
    PG_RETURN_POINTER(state);
}

// Weighted transition: counts one answer with its weight.
template <typename Kind>
Datum add_weighted(FunctionCallInfo fcinfo)
{
    ScoreSummary *state = state_for_update(fcinfo);
    int score = score_arg<Kind>(fcinfo, *state);
    add_weighted_score(*state, score, weight_arg(fcinfo));
    PG_RETURN_POINTER(state);
}

// Weighted inverse transition; NULL asks for a recomputation when the sums may have rounded.
template <typename Kind>
Datum remove_weighted(FunctionCallInfo fcinfo)
{
    ScoreSummary *state = state_for_update(fcinfo);
    int score = score_arg<Kind>(fcinfo, *state);
    if (!remove_weighted_score(*state, score, weight_arg(fcinfo)))
        PG_RETURN_NULL();
    PG_RETURN_POINTER(state);
}

}  // namespace
}  // namespace cx::pg

using namespace cx;
using namespace cx::pg;

#define CX_SCORE_TRANSITIONS(suffix, Kind)                                               \
    CX_FUNCTION(cx_summary_add_##suffix) { return add<Kind>(fcinfo); }                   \
    CX_FUNCTION(cx_summary_remove_##suffix) { return remove<Kind>(fcinfo); }             \
    CX_FUNCTION(cx_summary_add_weighted_##suffix) { return add_weighted<Kind>(fcinfo); } \
    CX_FUNCTION(cx_summary_remove_weighted_##suffix) { return remove_weighted<Kind>(fcinfo); }

CX_SCORE_TRANSITIONS(int2, Int2)
CX_SCORE_TRANSITIONS(int4, Int4)
CX_SCORE_TRANSITIONS(int8, Int8)
CX_SCORE_TRANSITIONS(float8, Float8)
CX_SCORE_TRANSITIONS(numeric, Numeric_)

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
