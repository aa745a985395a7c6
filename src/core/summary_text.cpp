// Writing and reading the text form of score summaries.
#include "core/summary_text.hpp"

#include <charconv>
#include <cstring>
#include <string>

#include "core/error.hpp"
#include "core/number_text.hpp"
#include "core/text_reader.hpp"

namespace cx {
namespace {

static_assert(kSummaryTextCapacity >= 550, "room for 11 counts and 12 doubles with labels");

// Bucket-only NPS summaries list their three slots in this order.
constexpr int kBucketSlots[] = {kDetractorSlot, kPassiveSlot, kPromoterSlot};

// Appends text to a bounded buffer.
class Writer {
  public:
    explicit Writer(char *out) : out_(out) {}

    void text(const char *s)
    {
        size_t n = std::strlen(s);
        std::memcpy(out_ + len_, s, n);
        len_ += n;
    }

    void integer(int64_t v)
    {
        auto r = std::to_chars(out_ + len_, out_ + kSummaryTextCapacity, v);
        len_ = static_cast<size_t>(r.ptr - out_);
    }

    void real(double v) { len_ += format_double(v, out_ + len_, kSummaryTextCapacity - len_); }

    size_t finish()
    {
        out_[len_] = '\0';
        return len_;
    }

  private:
    char *out_;
    size_t len_ = 0;
};

// Reads "[a,b,...]" of exactly n values with read.
template <typename T, typename Read>
void read_list(TextReader &r, T *values, int n, Read read)
{
    r.expect("[");
    for (int i = 0; i < n; i++) {
        if (i > 0)
            r.expect(",");
        values[i] = read();
    }
    if (r.peek() == ',')
        r.fail("\"]\" after " + std::to_string(n) + " values");
    r.expect("]");
}

// The SQL type of the summaries of metric, for messages.
const char *summary_type_name(Metric metric)
{
    switch (metric) {
        case Metric::nps:
            return "nps_summary";
        case Metric::csat:
            return "csat_summary";
        case Metric::ces:
            return "ces_summary";
    }
    return "summary";
}

}  // namespace

size_t format_summary(const ScoreSummary &s, char *out)
{
    Writer w(out);
    int n = is_buckets_only(s) ? 3 : scale_of(s).size();
    auto slot = [&](int i) { return is_buckets_only(s) ? kBucketSlots[i] : i; };

    w.text(is_buckets_only(s) ? "v1 buckets=[" : "v1 counts=[");
    for (int i = 0; i < n; i++) {
        if (i > 0)
            w.text(",");
        w.integer(s.counts[slot(i)]);
    }
    w.text("]");

    if (is_weighted(s)) {
        w.text(" weights=[");
        for (int i = 0; i < n; i++) {
            if (i > 0)
                w.text(",");
            w.real(s.weights[slot(i)]);
        }
        w.text("] squares=");
        w.real(s.weight_squares);
    }
    return w.finish();
}

ScoreSummary parse_summary(const char *text, Metric metric)
{
    ScoreSummary s = empty_summary(metric);
    TextReader r(text, summary_type_name(metric), "v1 counts=[3,0,0,0,0,0,0,2,0,0,5]");
    int64_t counts[kMaxScaleSize] = {};
    double weights[kMaxScaleSize] = {};

    r.skip_spaces();
    if (!r.accept("v1 "))
        r.fail("the format version \"v1 \"");
    bool buckets = false;
    if (metric == Metric::nps && r.accept("buckets="))
        buckets = true;
    else
        r.expect("counts=");
    int n = buckets ? 3 : scale_of(metric).size();
    read_list(r, counts, n, [&] { return r.count(); });

    bool weighted = r.accept(" weights=");
    if (weighted) {
        read_list(r, weights, n, [&] { return r.real("a finite number"); });
        r.expect(" squares=");
        s.weight_squares = r.real("a finite number");
    }
    r.skip_spaces();
    if (!r.at_end())
        r.fail("the end of the summary");

    for (int i = 0; i < n; i++) {
        int slot = buckets ? kBucketSlots[i] : i;
        s.counts[slot] = counts[i];
        s.weights[slot] = weights[i];
    }
    s.flags = (weighted ? kWeighted : 0) | (buckets ? kBucketsOnly : 0);
    validate(s, metric, ErrorKind::invalid_text);
    return s;
}

}  // namespace cx
