// The SQL type survival_summary (a varlena: a header, then one entry per distinct duration),
// survival_agg(), rollup() and the figures survival_at() and median_lifetime().
//
// Memory while aggregating: the state is a survival_summary whose length word covers spare room.
// A row whose duration is already in the sorted part adds to its count in place; a new duration
// is appended to an unsorted tail. When the room is full the tail is sorted and merged in
// (duplicates added up), and only if that frees less than half of the room does the state move
// to a new value of twice the size, which PostgreSQL copies into the aggregate's memory (while it
// does, the old value, the new one and its copy are alive together). So a group costs about 24
// bytes per distinct duration, at most twice that with the room, and the work is O(n log n)
// over n rows. In a moving window frame, removing a row finds its duration by binary search
// (sorting the tail in first when the duration is not in the sorted part) and, when nobody has
// that duration any more, moves the entries after it down; the room is kept for later rows.
#include "core/survival.hpp"
#include "pg/boundary.hpp"

#include <cmath>

namespace cx::pg {
namespace {

// Entries in a new state's room.
constexpr uint32_t kFirstCapacity = 16;

// Most entries a value can hold within PostgreSQL's 1 GB limit on a datum.
// XXX A group with more distinct durations (about 44 million) fails with ERROR 54000, and the
// text form of more than about 16 million cannot be allocated (also 1 GB): rounding durations
// avoids both; binning durations in the summary would lift the limit at the cost of exactness.
constexpr uint32_t kMaxEntries = (MaxAllocSize - sizeof(SurvivalHeader)) / sizeof(SurvivalEntry);

SurvivalEntry *entries_of(SurvivalHeader *h) { return reinterpret_cast<SurvivalEntry *>(h + 1); }
const SurvivalEntry *entries_of(const SurvivalHeader *h)
{
    return reinterpret_cast<const SurvivalEntry *>(h + 1);
}

// Entries the value has room for.
uint32_t capacity_of(const SurvivalHeader *h)
{
    return static_cast<uint32_t>((VARSIZE(h) - sizeof(SurvivalHeader)) / sizeof(SurvivalEntry));
}

// A new empty summary with room for capacity entries, in the current memory context.
SurvivalHeader *new_summary(uint32_t capacity)
{
    if (capacity > kMaxEntries)
        ereport(
            ERROR,
            (errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED), errmsg("survival summary too large"),
             errdetail("A survival summary holds at most %u distinct durations.", kMaxEntries)));
    size_t size = sizeof(SurvivalHeader) + static_cast<size_t>(capacity) * sizeof(SurvivalEntry);
    auto *h = static_cast<SurvivalHeader *>(palloc0(size));
    SET_VARSIZE(h, size);
    h->version = kSurvivalVersion;
    return h;
}

// Raises ERROR 22P03 for binary input that cannot be a survival summary.
[[noreturn]] void invalid_binary(const char *detail)
{
    ereport(ERROR, (errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
                    errmsg("invalid binary survival summary"), errdetail("%s", detail)));
    pg_unreachable();
}

// The summary argument n, detoasted (aligned, with a four-byte length word).
const SurvivalHeader *summary_arg(FunctionCallInfo fcinfo, int n)
{
    return reinterpret_cast<const SurvivalHeader *>(PG_DETOAST_DATUM(PG_GETARG_DATUM(n)));
}

// The curve of a summary with its tail sorted in: the summary's own entries when it has no
// tail, else a sorted copy in the current memory context.
SurvivalCurve curve_of(const SurvivalHeader *h)
{
    if (h->sorted == h->count)
        return SurvivalCurve{entries_of(h), h->count};
    auto *copy = static_cast<SurvivalEntry *>(palloc(sizeof(SurvivalEntry) * h->count));
    auto *scratch = static_cast<SurvivalEntry *>(palloc(sizeof(SurvivalEntry) * h->count));
    memcpy(copy, entries_of(h), sizeof(SurvivalEntry) * h->count);
    uint32_t n = 0;
    guarded_void([&] { n = compact(copy, h->count, h->sorted, scratch); });
    pfree(scratch);
    return SurvivalCurve{copy, n};
}

// A stored summary holding curve: sorted, no room to spare.
Datum curve_datum(SurvivalCurve curve)
{
    SurvivalHeader *h = new_summary(curve.count);
    memcpy(entries_of(h), curve.entries, sizeof(SurvivalEntry) * curve.count);
    h->count = h->sorted = curve.count;
    PG_RETURN_POINTER(h);
}

// The state to update: the argument itself inside an aggregate, a copy when called directly.
SurvivalHeader *state_for_update(FunctionCallInfo fcinfo)
{
    if (AggCheckCallContext(fcinfo, nullptr))
        return reinterpret_cast<SurvivalHeader *>(PG_GETARG_POINTER(0));
    return reinterpret_cast<SurvivalHeader *>(PG_DETOAST_DATUM_COPY(PG_GETARG_DATUM(0)));
}

// Makes room for one more entry: sorts the tail in, and moves to a larger value if that did not
// free half of the room. Returns the state to use, which may be a new value.
SurvivalHeader *make_room(SurvivalHeader *state)
{
    uint32_t capacity = capacity_of(state);
    if (state->count > state->sorted) {
        auto *scratch = static_cast<SurvivalEntry *>(palloc(sizeof(SurvivalEntry) * state->count));
        uint32_t n = 0;
        guarded_void([&] { n = compact(entries_of(state), state->count, state->sorted, scratch); });
        pfree(scratch);
        state->count = state->sorted = n;
    }
    if (state->count <= capacity / 2 && capacity > 0)
        return state;

    // The old value is freed by the aggregate machinery once it has copied the new one.
    uint32_t grown = capacity < kFirstCapacity    ? kFirstCapacity
                     : capacity > kMaxEntries / 2 ? kMaxEntries
                                                  : capacity * 2;
    SurvivalHeader *bigger = new_summary(grown);
    memcpy(entries_of(bigger), entries_of(state), sizeof(SurvivalEntry) * state->count);
    bigger->count = bigger->sorted = state->count;
    return bigger;
}

// Hashes the sorted entries of a summary.
template <typename Hash>
Datum hash_summary(FunctionCallInfo fcinfo, Hash hash)
{
    SurvivalCurve curve = curve_of(summary_arg(fcinfo, 0));
    if (curve.count == 0)
        return hash(reinterpret_cast<const unsigned char *>(""), 0);
    return hash(reinterpret_cast<const unsigned char *>(curve.entries),
                static_cast<int>(sizeof(SurvivalEntry) * curve.count));
}

}  // namespace
}  // namespace cx::pg

using namespace cx;
using namespace cx::pg;

// Text input of survival_summary.
CX_FUNCTION(cx_survival_summary_in)
{
    const char *text = PG_GETARG_CSTRING(0);
    uint32_t room = survival_text_entries(text);
    SurvivalHeader *h = new_summary(room);
    uint32_t n = 0;
    guarded_void([&] { n = parse_survival(text, entries_of(h), room); });
    h->count = h->sorted = n;
    SET_VARSIZE(h, sizeof(SurvivalHeader) + sizeof(SurvivalEntry) * n);
    PG_RETURN_POINTER(h);
}

// Text output of survival_summary; a state with a tail is sorted first.
CX_FUNCTION(cx_survival_summary_out)
{
    SurvivalCurve curve = curve_of(summary_arg(fcinfo, 0));
    char *text = static_cast<char *>(palloc(survival_text_capacity(curve)));
    format_survival(curve, text);
    PG_RETURN_CSTRING(text);
}

// Binary input: version, number of entries, then each duration with its two counts.
CX_FUNCTION(cx_survival_summary_recv)
{
    StringInfo buf = reinterpret_cast<StringInfo>(PG_GETARG_POINTER(0));
    if (buf->len - buf->cursor < 5)
        invalid_binary("The summary is shorter than its header.");
    if (pq_getmsgbyte(buf) != kSurvivalVersion)
        invalid_binary("Unknown format version.");
    uint32_t n = static_cast<uint32_t>(pq_getmsgint(buf, 4));
    if (n > kMaxEntries ||
        static_cast<uint64_t>(buf->len - buf->cursor) != uint64_t{n} * sizeof(SurvivalEntry))
        invalid_binary("The summary's length does not match its number of durations.");

    SurvivalHeader *h = new_summary(n);
    SurvivalEntry *entries = entries_of(h);
    for (uint32_t i = 0; i < n; i++) {
        entries[i].duration = pq_getmsgfloat8(buf) + 0.0;
        entries[i].events = pq_getmsgint64(buf);
        entries[i].censored = pq_getmsgint64(buf);
    }
    h->count = h->sorted = n;
    guarded_void([&] { validate(SurvivalCurve{entries, n}, ErrorKind::invalid_binary); });
    PG_RETURN_POINTER(h);
}

// Binary output of survival_summary.
CX_FUNCTION(cx_survival_summary_send)
{
    SurvivalCurve curve = curve_of(summary_arg(fcinfo, 0));
    StringInfoData buf;
    pq_begintypsend(&buf);
    pq_sendbyte(&buf, kSurvivalVersion);
    pq_sendint32(&buf, curve.count);
    for (uint32_t i = 0; i < curve.count; i++) {
        pq_sendfloat8(&buf, curve.entries[i].duration);
        pq_sendint64(&buf, curve.entries[i].events);
        pq_sendint64(&buf, curve.entries[i].censored);
    }
    PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

// Equality: the same durations and counts.
CX_FUNCTION(cx_survival_summary_eq)
{
    PG_RETURN_BOOL(equal(curve_of(summary_arg(fcinfo, 0)), curve_of(summary_arg(fcinfo, 1))));
}

CX_FUNCTION(cx_survival_summary_ne)
{
    PG_RETURN_BOOL(!equal(curve_of(summary_arg(fcinfo, 0)), curve_of(summary_arg(fcinfo, 1))));
}

// Hash consistent with equality, for hash joins, DISTINCT, GROUP BY and UNION.
CX_FUNCTION(cx_survival_summary_hash)
{
    return hash_summary(fcinfo, [](const unsigned char *k, int len) { return hash_any(k, len); });
}

// Seeded 64-bit hash, for hash partitioning.
CX_FUNCTION(cx_survival_summary_hash_extended)
{
    uint64 seed = PG_GETARG_INT64(1);
    return hash_summary(fcinfo, [seed](const unsigned char *k, int len) {
        return hash_any_extended(k, len, seed);
    });
}

// Transition of survival_agg(duration, event): counts one customer. Strict: a row with a NULL
// duration or event is ignored.
CX_FUNCTION(cx_survival_add)
{
    SurvivalHeader *state = state_for_update(fcinfo);
    double duration = PG_GETARG_FLOAT8(1);
    bool event = PG_GETARG_BOOL(2);
    if (unlikely(!std::isfinite(duration) || duration < 0))
        guarded_void([&] { check_duration(duration); });
    duration += 0.0;  // -0 and 0 are one duration

    if (count_in_sorted(entries_of(state), state->sorted, duration, event))
        PG_RETURN_POINTER(state);
    if (state->count == capacity_of(state)) {
        state = make_room(state);
        if (count_in_sorted(entries_of(state), state->sorted, duration, event))
            PG_RETURN_POINTER(state);
    }
    entries_of(state)[state->count++] = SurvivalEntry{duration, event ? 1 : 0, event ? 0 : 1};
    PG_RETURN_POINTER(state);
}

// Inverse transition of survival_agg(duration, event): removes one customer that
// cx_survival_add counted. Strict like it: a row with a NULL duration or event was ignored. A
// duration not in the sorted part may be in the tail, which is then sorted in first; the room
// stays for later rows. Returns NULL, which asks PostgreSQL to recompute the frame, when the
// state does not hold such a customer; inside a window that does not happen.
CX_FUNCTION(cx_survival_remove)
{
    SurvivalHeader *state = state_for_update(fcinfo);
    double duration = PG_GETARG_FLOAT8(1);
    bool event = PG_GETARG_BOOL(2);
    if (unlikely(!std::isfinite(duration) || duration < 0))
        guarded_void([&] { check_duration(duration); });
    duration += 0.0;  // -0 and 0 are one duration

    SurvivalEntry *entries = entries_of(state);
    uint32_t at = find_in_sorted(entries, state->sorted, duration);
    if (at == state->sorted && state->count > state->sorted) {
        auto *scratch = static_cast<SurvivalEntry *>(palloc(sizeof(SurvivalEntry) * state->count));
        uint32_t n = 0;
        guarded_void([&] { n = compact(entries, state->count, state->sorted, scratch); });
        pfree(scratch);
        state->count = state->sorted = n;
        at = find_in_sorted(entries, state->sorted, duration);
    }
    if (at == state->sorted || !uncount_at(entries, state->count, state->sorted, at, event))
        PG_RETURN_NULL();
    PG_RETURN_POINTER(state);
}

// Combine, and the transition of rollup(): a new summary holding both.
CX_FUNCTION(cx_survival_merge)
{
    SurvivalCurve a = curve_of(summary_arg(fcinfo, 0));
    SurvivalCurve b = curve_of(summary_arg(fcinfo, 1));
    SurvivalHeader *h = new_summary(a.count + b.count);
    uint32_t n = 0;
    guarded_void([&] { n = merge_curves(a, b, entries_of(h)); });
    h->count = h->sorted = n;
    PG_RETURN_POINTER(h);
}

// Inverse transition of rollup(): a new summary holding the state without a summary that
// cx_survival_merge added. NULL asks PostgreSQL to recompute the frame when the state does not
// hold every customer of that summary.
CX_FUNCTION(cx_survival_unmerge)
{
    SurvivalCurve whole = curve_of(summary_arg(fcinfo, 0));
    SurvivalCurve part = curve_of(summary_arg(fcinfo, 1));
    SurvivalHeader *h = new_summary(whole.count);
    uint32_t n = 0;
    if (!subtract_curves(whole, part, entries_of(h), n))
        PG_RETURN_NULL();
    h->count = h->sorted = n;
    PG_RETURN_POINTER(h);
}

// Final function of survival_agg() and rollup(): the state as stored, sorted and without room
// to spare, leaving the state unchanged.
CX_FUNCTION(cx_survival_finish) { return curve_datum(curve_of(summary_arg(fcinfo, 0))); }

// survival_at(summary, t): percent still a customer after duration t.
CX_FUNCTION(cx_survival_at)
{
    SurvivalCurve curve = curve_of(summary_arg(fcinfo, 0));
    double t = PG_GETARG_FLOAT8(1);
    std::optional<double> survival;
    guarded_void([&] { survival = survival_at(curve, t); });
    if (!survival)
        PG_RETURN_NULL();
    PG_RETURN_FLOAT8(*survival);
}

// median_lifetime(summary): the smallest duration where survival is at most 50 %.
CX_FUNCTION(cx_median_lifetime)
{
    SurvivalCurve curve = curve_of(summary_arg(fcinfo, 0));
    std::optional<double> median;
    guarded_void([&] { median = median_lifetime(curve); });
    if (!median)
        PG_RETURN_NULL();
    PG_RETURN_FLOAT8(*median);
}

// lifetimes(summary): customers counted, events and censorings together.
CX_FUNCTION(cx_survival_customers)
{
    SurvivalCurve curve = curve_of(summary_arg(fcinfo, 0));
    int64_t n = 0;
    guarded_void([&] { n = customers(curve); });
    PG_RETURN_INT64(n);
}
