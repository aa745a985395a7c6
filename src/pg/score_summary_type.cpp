// The SQL types nps_summary, csat_summary and ces_summary: text and binary input and output,
// equality and hashing, and construction from published counts.
#include <cstring>

#include "core/summary_text.hpp"
#include "pg/boundary.hpp"
#include "pg/score_summary.hpp"

namespace cx::pg {
namespace {

// Reads the text form of a summary of metric.
Datum summary_in(FunctionCallInfo fcinfo, Metric metric)
{
    const char *text = PG_GETARG_CSTRING(0);
    ScoreSummary s;
    guarded_void([&] { s = parse_summary(text, metric); });
    return summary_datum(s);
}

// Number of values per part of the binary and text forms: 3 for NPS buckets, else the scale.
int part_size(const ScoreSummary &s) { return is_buckets_only(s) ? 3 : scale_of(s).size(); }

// The score slot of the i-th value of a part.
int part_slot(const ScoreSummary &s, int i)
{
    static const int buckets[] = {kDetractorSlot, kPassiveSlot, kPromoterSlot};
    return is_buckets_only(s) ? buckets[i] : i;
}

// Raises ERROR 22P03 for binary input that cannot be a summary.
[[noreturn]] void invalid_binary(const char *detail)
{
    ereport(ERROR, (errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
                    errmsg("invalid binary summary"), errdetail("%s", detail)));
    pg_unreachable();
}

// Reads the binary form: version byte, flags, then the counts, and the weight part if flagged.
Datum summary_recv(FunctionCallInfo fcinfo, Metric metric)
{
    StringInfo buf = reinterpret_cast<StringInfo>(PG_GETARG_POINTER(0));
    ScoreSummary s = empty_summary(metric);

    if (buf->len - buf->cursor < 3)
        invalid_binary("The summary is shorter than its header.");
    s.version = static_cast<uint8_t>(pq_getmsgbyte(buf));
    s.flags = static_cast<uint16_t>(pq_getmsgint(buf, 2));
    if (s.version != kSummaryVersion)
        invalid_binary("Unknown format version.");
    if (s.flags & ~kStoredFlags)
        invalid_binary("Unknown flags.");
    if (is_buckets_only(s) && metric != Metric::nps)
        invalid_binary("Only NPS summaries can hold bucket counts.");

    int n = part_size(s);
    int expected = n * 8 + (is_weighted(s) ? n * 8 + 8 : 0);
    if (buf->len - buf->cursor != expected)
        invalid_binary("The summary's length does not match its flags.");
    for (int i = 0; i < n; i++)
        s.counts[part_slot(s, i)] = static_cast<int64_t>(pq_getmsgint64(buf));
    if (is_weighted(s)) {
        for (int i = 0; i < n; i++)
            s.weights[part_slot(s, i)] = pq_getmsgfloat8(buf) + 0.0;
        s.weight_squares = pq_getmsgfloat8(buf) + 0.0;
    }

    guarded_void([&] { validate(s, metric, ErrorKind::invalid_binary); });
    return summary_datum(s);
}

// A summary from an array of counts per score, lowest score first.
Datum summary_from_counts(FunctionCallInfo fcinfo, Metric metric)
{
    ArrayType *array = PG_GETARG_ARRAYTYPE_P(0);
    Datum *elements;
    bool *nulls;
    int n;

    if (ARR_NDIM(array) > 1)
        ereport(ERROR, (errcode(ERRCODE_INVALID_PARAMETER_VALUE),
                        errmsg("counts must be a one-dimensional array")));
    deconstruct_array(array, INT8OID, 8, FLOAT8PASSBYVAL, TYPALIGN_DOUBLE, &elements, &nulls, &n);

    int64_t counts[kMaxScaleSize + 1] = {};
    for (int i = 0; i < n && i <= kMaxScaleSize; i++) {
        if (nulls[i])
            ereport(ERROR,
                    (errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED), errmsg("counts must not be NULL"),
                     errdetail("Element %d of the array is NULL.", i + 1),
                     errhint("Use 0 for a score that nobody gave.")));
        counts[i] = DatumGetInt64(elements[i]);
    }

    ScoreSummary s;
    guarded_void([&] { s = from_counts(metric, counts, n); });
    return summary_datum(s);
}

}  // namespace
}  // namespace cx::pg

using namespace cx;
using namespace cx::pg;

CX_FUNCTION(cx_nps_summary_in) { return summary_in(fcinfo, Metric::nps); }
CX_FUNCTION(cx_csat_summary_in) { return summary_in(fcinfo, Metric::csat); }
CX_FUNCTION(cx_ces_summary_in) { return summary_in(fcinfo, Metric::ces); }

// Text output of any score summary.
CX_FUNCTION(cx_summary_out)
{
    char text[kSummaryTextCapacity];
    format_summary(stored_form(*summary_arg(fcinfo, 0)), text);
    PG_RETURN_CSTRING(pstrdup(text));
}

CX_FUNCTION(cx_nps_summary_recv) { return summary_recv(fcinfo, Metric::nps); }
CX_FUNCTION(cx_csat_summary_recv) { return summary_recv(fcinfo, Metric::csat); }
CX_FUNCTION(cx_ces_summary_recv) { return summary_recv(fcinfo, Metric::ces); }

// Binary output of any score summary.
CX_FUNCTION(cx_summary_send)
{
    ScoreSummary s = stored_form(*summary_arg(fcinfo, 0));
    StringInfoData buf;
    int n = part_size(s);

    pq_begintypsend(&buf);
    pq_sendbyte(&buf, s.version);
    pq_sendint16(&buf, s.flags);
    for (int i = 0; i < n; i++)
        pq_sendint64(&buf, s.counts[part_slot(s, i)]);
    if (is_weighted(s)) {
        for (int i = 0; i < n; i++)
            pq_sendfloat8(&buf, s.weights[part_slot(s, i)]);
        pq_sendfloat8(&buf, s.weight_squares);
    }
    PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

// Equality: the same answers and weights.
CX_FUNCTION(cx_summary_eq)
{
    PG_RETURN_BOOL(equal(*summary_arg(fcinfo, 0), *summary_arg(fcinfo, 1)));
}

CX_FUNCTION(cx_summary_ne)
{
    PG_RETURN_BOOL(!equal(*summary_arg(fcinfo, 0), *summary_arg(fcinfo, 1)));
}

// A total order consistent with equality: the byte order of the stored forms. It has no
// meaning beyond making summaries sortable, for count(DISTINCT ...), merge joins and ORDER BY.
static int compare_stored(FunctionCallInfo fcinfo)
{
    ScoreSummary a = stored_form(*summary_arg(fcinfo, 0));
    ScoreSummary b = stored_form(*summary_arg(fcinfo, 1));
    int c = std::memcmp(&a, &b, sizeof a);
    return (c > 0) - (c < 0);
}

CX_FUNCTION(cx_summary_cmp) { PG_RETURN_INT32(compare_stored(fcinfo)); }
CX_FUNCTION(cx_summary_lt) { PG_RETURN_BOOL(compare_stored(fcinfo) < 0); }
CX_FUNCTION(cx_summary_le) { PG_RETURN_BOOL(compare_stored(fcinfo) <= 0); }
CX_FUNCTION(cx_summary_gt) { PG_RETURN_BOOL(compare_stored(fcinfo) > 0); }
CX_FUNCTION(cx_summary_ge) { PG_RETURN_BOOL(compare_stored(fcinfo) >= 0); }

// Hash consistent with equality, for hash joins, DISTINCT, GROUP BY and UNION.
CX_FUNCTION(cx_summary_hash)
{
    ScoreSummary s = stored_form(*summary_arg(fcinfo, 0));
    return hash_any(reinterpret_cast<const unsigned char *>(&s), sizeof s);
}

// Seeded 64-bit hash, for hash partitioning.
CX_FUNCTION(cx_summary_hash_extended)
{
    ScoreSummary s = stored_form(*summary_arg(fcinfo, 0));
    return hash_any_extended(reinterpret_cast<const unsigned char *>(&s), sizeof s,
                             PG_GETARG_INT64(1));
}

CX_FUNCTION(cx_nps_summary_from_counts) { return summary_from_counts(fcinfo, Metric::nps); }
CX_FUNCTION(cx_csat_summary_from_counts) { return summary_from_counts(fcinfo, Metric::csat); }
CX_FUNCTION(cx_ces_summary_from_counts) { return summary_from_counts(fcinfo, Metric::ces); }

// An NPS summary from published detractor, passive and promoter counts.
CX_FUNCTION(cx_nps_summary_from_buckets)
{
    int64 detractors = PG_GETARG_INT64(0);
    int64 passives = PG_GETARG_INT64(1);
    int64 promoters = PG_GETARG_INT64(2);
    ScoreSummary s;
    guarded_void([&] { s = nps_from_buckets(detractors, passives, promoters); });
    return summary_datum(s);
}
