// The SQL type retention_summary and the lifetime aggregates over date and timestamptz:
// churn_rate(), retention_rate(), retention_agg() and rollup(), the summary's figures, the
// counts-only churn and retention formulas, and clv(). The aggregate state is the summary itself,
// updated in place; the per-row functions allocate nothing.
#include <optional>
#include <utility>

#include "core/lifetime_value.hpp"
#include "core/retention.hpp"
#include "pg/boundary.hpp"

namespace cx::pg {
namespace {

constexpr double kDefaultConfidence = 0.95;

// Length of the binary form: version, unit, two bounds and five counts.
constexpr int kRetentionBinaryLength = 2 + 7 * 8;

// The summary argument n.
const RetentionSummary *retention_arg(FunctionCallInfo fcinfo, int n)
{
    return reinterpret_cast<const RetentionSummary *>(PG_GETARG_POINTER(n));
}

// A new summary in the current memory context holding s.
Datum retention_datum(const RetentionSummary &s)
{
    auto *copy = static_cast<RetentionSummary *>(palloc(sizeof(RetentionSummary)));
    *copy = s;
    return PointerGetDatum(copy);
}

// The state to update: the argument itself inside an aggregate, a copy when called directly; a
// new empty summary in the aggregate's memory when the state is NULL.
RetentionSummary *state_for_update(FunctionCallInfo fcinfo)
{
    MemoryContext aggregate_context;
    bool in_aggregate = AggCheckCallContext(fcinfo, &aggregate_context) != 0;
    if (PG_ARGISNULL(0)) {
        MemoryContext into = in_aggregate ? aggregate_context : CurrentMemoryContext;
        auto *state =
            static_cast<RetentionSummary *>(MemoryContextAlloc(into, sizeof(RetentionSummary)));
        *state = empty_retention();
        return state;
    }
    auto *state = reinterpret_cast<RetentionSummary *>(PG_GETARG_POINTER(0));
    if (in_aggregate)
        return state;
    auto *copy = static_cast<RetentionSummary *>(palloc(sizeof(RetentionSummary)));
    *copy = *state;
    return copy;
}

// Reads argument n as ticks of unit: days of a date, microseconds of a timestamptz.
int64_t instant_arg(FunctionCallInfo fcinfo, int n, TimeUnit unit)
{
    return unit == TimeUnit::date ? static_cast<int64_t>(PG_GETARG_DATEADT(n))
                                  : static_cast<int64_t>(PG_GETARG_TIMESTAMPTZ(n));
}

// Reads the period bounds, arguments 3 and 4, which every row must give, even one that is
// otherwise ignored.
void period_args(FunctionCallInfo fcinfo, TimeUnit unit, int64_t &start, int64_t &end)
{
    if (PG_ARGISNULL(3) || PG_ARGISNULL(4))
        ereport(ERROR,
                (errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
                 errmsg("reporting period bounds must not be NULL"),
                 errhint("Pass the period's first instant and its first instant after the period "
                         "as period_start and period_end.")));
    start = instant_arg(fcinfo, 3, unit);
    end = instant_arg(fcinfo, 4, unit);
}

// Whether the state already has the period [start, end) of unit.
bool has_period(const RetentionSummary &state, TimeUnit unit, int64_t start, int64_t end)
{
    return unit_of(state) == unit && state.period_start == start && state.period_end == end;
}

// The lifetime (started, ended) of a row, or nothing for a row without a start, which the
// aggregates ignore like a NULL score. A NULL ended is a customer still active.
std::optional<std::pair<int64_t, std::optional<int64_t>>> lifetime_args(FunctionCallInfo fcinfo,
                                                                        TimeUnit unit)
{
    if (PG_ARGISNULL(1))
        return std::nullopt;
    std::optional<int64_t> ended;
    if (!PG_ARGISNULL(2))
        ended = instant_arg(fcinfo, 2, unit);
    return std::make_pair(instant_arg(fcinfo, 1, unit), ended);
}

// Transition of the lifetime aggregates: counts one row (started, ended, period_start,
// period_end). Not strict: a NULL ended is a customer still active.
Datum add_lifetime_row(FunctionCallInfo fcinfo, TimeUnit unit)
{
    RetentionSummary *state = state_for_update(fcinfo);

    // The period comes first: every row must give it, even one that is otherwise ignored.
    int64_t start, end;
    period_args(fcinfo, unit, start, end);
    if (unlikely(!has_period(*state, unit, start, end)))
        guarded_void([&] {
            check_period(unit, start, end);
            use_period(*state, unit, start, end);
        });

    auto lifetime = lifetime_args(fcinfo, unit);
    if (!lifetime)
        PG_RETURN_POINTER(state);
    guarded_void([&] { add_lifetime(*state, lifetime->first, lifetime->second); });
    PG_RETURN_POINTER(state);
}

// Inverse transition of the lifetime aggregates: removes a row that add_lifetime_row counted,
// after the same checks of its period. Not strict, like the forward function (PostgreSQL wants
// both alike): a row without a start was ignored and is ignored again. Returns NULL, which asks
// PostgreSQL to recompute the frame, when the state does not hold the row; inside a window that
// does not happen, as every row of the frame was added before.
Datum remove_lifetime_row(FunctionCallInfo fcinfo, TimeUnit unit)
{
    // PostgreSQL never passes a NULL state to an inverse; called directly, there is nothing to
    // remove from.
    if (PG_ARGISNULL(0))
        PG_RETURN_NULL();
    RetentionSummary *state = state_for_update(fcinfo);

    // The same checks of the period as the forward function, with the same errors. A state
    // without a period has counted no row.
    int64_t start, end;
    period_args(fcinfo, unit, start, end);
    bool no_period = false;
    if (unlikely(!has_period(*state, unit, start, end)))
        guarded_void([&] {
            check_period(unit, start, end);
            no_period = unit_of(*state) == TimeUnit::none;
            if (!no_period)
                use_period(*state, unit, start, end);  // throws: the periods differ
        });
    if (no_period)
        PG_RETURN_NULL();

    auto lifetime = lifetime_args(fcinfo, unit);
    if (!lifetime)
        PG_RETURN_POINTER(state);
    bool held = false;
    guarded_void([&] { held = remove_lifetime(*state, lifetime->first, lifetime->second); });
    if (!held)
        PG_RETURN_NULL();
    PG_RETURN_POINTER(state);
}

// Returns a figure, NULL when it is undefined.
Datum figure_datum(FunctionCallInfo fcinfo, std::optional<double> figure)
{
    if (!figure)
        PG_RETURN_NULL();
    PG_RETURN_FLOAT8(*figure);
}

// One bound of the Wilson interval of the churn rate.
Datum churn_bound(FunctionCallInfo fcinfo, bool upper)
{
    const RetentionSummary *s = retention_arg(fcinfo, 0);
    double confidence = PG_NARGS() > 1 ? PG_GETARG_FLOAT8(1) : kDefaultConfidence;
    std::optional<double> bound;
    guarded_void([&] {
        std::optional<Interval> interval = churn_interval(*s, confidence);
        if (interval)
            bound = upper ? interval->upper : interval->lower;
    });
    return figure_datum(fcinfo, bound);
}

}  // namespace
}  // namespace cx::pg

using namespace cx;
using namespace cx::pg;

// Text input of retention_summary.
CX_FUNCTION(cx_retention_summary_in)
{
    const char *text = PG_GETARG_CSTRING(0);
    RetentionSummary s;
    guarded_void([&] { s = parse_retention(text); });
    return retention_datum(s);
}

// Text output of retention_summary.
CX_FUNCTION(cx_retention_summary_out)
{
    char text[kRetentionTextCapacity];
    format_retention(*retention_arg(fcinfo, 0), text);
    PG_RETURN_CSTRING(pstrdup(text));
}

// Binary input: version, unit, the period's bounds and the five counts.
CX_FUNCTION(cx_retention_summary_recv)
{
    StringInfo buf = reinterpret_cast<StringInfo>(PG_GETARG_POINTER(0));
    if (buf->len - buf->cursor != kRetentionBinaryLength)
        ereport(ERROR, (errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
                        errmsg("invalid binary retention summary"),
                        errdetail("A retention summary takes %d bytes.", kRetentionBinaryLength)));
    RetentionSummary s = empty_retention();
    s.version = static_cast<uint8_t>(pq_getmsgbyte(buf));
    s.unit = static_cast<uint8_t>(pq_getmsgbyte(buf));
    s.period_start = pq_getmsgint64(buf);
    s.period_end = pq_getmsgint64(buf);
    s.at_start = pq_getmsgint64(buf);
    s.new_customers = pq_getmsgint64(buf);
    s.at_end = pq_getmsgint64(buf);
    s.lost = pq_getmsgint64(buf);
    s.new_lost = pq_getmsgint64(buf);
    guarded_void([&] { validate(s, ErrorKind::invalid_binary); });
    return retention_datum(s);
}

// Binary output of retention_summary.
CX_FUNCTION(cx_retention_summary_send)
{
    const RetentionSummary *s = retention_arg(fcinfo, 0);
    StringInfoData buf;
    pq_begintypsend(&buf);
    pq_sendbyte(&buf, s->version);
    pq_sendbyte(&buf, s->unit);
    pq_sendint64(&buf, s->period_start);
    pq_sendint64(&buf, s->period_end);
    pq_sendint64(&buf, s->at_start);
    pq_sendint64(&buf, s->new_customers);
    pq_sendint64(&buf, s->at_end);
    pq_sendint64(&buf, s->lost);
    pq_sendint64(&buf, s->new_lost);
    PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

// Equality: the same period and counts.
CX_FUNCTION(cx_retention_summary_eq)
{
    PG_RETURN_BOOL(equal(*retention_arg(fcinfo, 0), *retention_arg(fcinfo, 1)));
}

CX_FUNCTION(cx_retention_summary_ne)
{
    PG_RETURN_BOOL(!equal(*retention_arg(fcinfo, 0), *retention_arg(fcinfo, 1)));
}

// Hash consistent with equality; the stored bytes are canonical (reserved fields zero).
CX_FUNCTION(cx_retention_summary_hash)
{
    return hash_any(reinterpret_cast<const unsigned char *>(retention_arg(fcinfo, 0)),
                    sizeof(RetentionSummary));
}

// Seeded 64-bit hash, for hash partitioning.
CX_FUNCTION(cx_retention_summary_hash_extended)
{
    return hash_any_extended(reinterpret_cast<const unsigned char *>(retention_arg(fcinfo, 0)),
                             sizeof(RetentionSummary), PG_GETARG_INT64(1));
}

// Transitions of the lifetime aggregates over date and timestamptz.
CX_FUNCTION(cx_retention_add_date) { return add_lifetime_row(fcinfo, TimeUnit::date); }
CX_FUNCTION(cx_retention_add_timestamptz)
{
    return add_lifetime_row(fcinfo, TimeUnit::timestamptz);
}

// Inverse transitions of the lifetime aggregates over date and timestamptz.
CX_FUNCTION(cx_retention_remove_date) { return remove_lifetime_row(fcinfo, TimeUnit::date); }
CX_FUNCTION(cx_retention_remove_timestamptz)
{
    return remove_lifetime_row(fcinfo, TimeUnit::timestamptz);
}

// Combine, and the transition of rollup(): merges a summary of the same period into the state.
CX_FUNCTION(cx_retention_merge_into)
{
    RetentionSummary *state = state_for_update(fcinfo);
    const RetentionSummary *other = retention_arg(fcinfo, 1);
    guarded_void([&] { merge(*state, *other); });
    PG_RETURN_POINTER(state);
}

// Inverse transition of rollup(): removes a summary that merge_into added. NULL asks PostgreSQL
// to recompute the frame when the rest would count nobody (see subtract in core/retention.hpp).
CX_FUNCTION(cx_retention_unmerge)
{
    RetentionSummary *state = state_for_update(fcinfo);
    const RetentionSummary *other = retention_arg(fcinfo, 1);
    bool exact = false;
    guarded_void([&] { exact = subtract(*state, *other); });
    if (!exact)
        PG_RETURN_NULL();
    PG_RETURN_POINTER(state);
}

// Final function of retention_agg() and rollup(): a copy of the state, leaving it unchanged.
CX_FUNCTION(cx_retention_finish) { return retention_datum(*retention_arg(fcinfo, 0)); }

CX_FUNCTION(cx_retention_at_start) { PG_RETURN_INT64(retention_arg(fcinfo, 0)->at_start); }
CX_FUNCTION(cx_retention_new) { PG_RETURN_INT64(retention_arg(fcinfo, 0)->new_customers); }
CX_FUNCTION(cx_retention_at_end) { PG_RETURN_INT64(retention_arg(fcinfo, 0)->at_end); }
CX_FUNCTION(cx_retention_lost) { PG_RETURN_INT64(retention_arg(fcinfo, 0)->lost); }

// churn_rate(retention_summary); also the final function of the churn_rate() aggregates.
CX_FUNCTION(cx_retention_churn_rate)
{
    return figure_datum(fcinfo, churn_rate(*retention_arg(fcinfo, 0)));
}

// retention_rate(retention_summary); also the final function of the retention_rate() aggregates.
CX_FUNCTION(cx_retention_retention_rate)
{
    return figure_datum(fcinfo, retention_rate(*retention_arg(fcinfo, 0)));
}

CX_FUNCTION(cx_retention_ci_lower) { return churn_bound(fcinfo, false); }
CX_FUNCTION(cx_retention_ci_upper) { return churn_bound(fcinfo, true); }

// churn_rate(at_start, lost) from counts.
CX_FUNCTION(cx_churn_rate_counts)
{
    double at_start = PG_GETARG_FLOAT8(0);
    double lost = PG_GETARG_FLOAT8(1);
    std::optional<double> rate;
    guarded_void([&] { rate = churn_rate_from_counts(at_start, lost); });
    return figure_datum(fcinfo, rate);
}

// retention_rate(at_start, at_end, new) from counts: (E - N) / S.
CX_FUNCTION(cx_retention_rate_counts)
{
    double at_start = PG_GETARG_FLOAT8(0);
    double at_end = PG_GETARG_FLOAT8(1);
    double new_customers = PG_GETARG_FLOAT8(2);
    std::optional<double> rate;
    guarded_void([&] { rate = retention_rate_from_counts(at_start, at_end, new_customers); });
    return figure_datum(fcinfo, rate);
}

// clv(margin, retention, discount).
CX_FUNCTION(cx_clv)
{
    double margin = PG_GETARG_FLOAT8(0);
    double retention = PG_GETARG_FLOAT8(1);
    double discount = PG_GETARG_FLOAT8(2);
    double value = 0;
    guarded_void([&] { value = clv(margin, retention, discount); });
    PG_RETURN_FLOAT8(value);
}
