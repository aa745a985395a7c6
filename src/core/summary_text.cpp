// Writing and reading the text form of score summaries.
#include "core/summary_text.hpp"

#include <charconv>
#include <cstring>
#include <string>

#include "core/error.hpp"
#include "core/number_text.hpp"

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

// Reads the text form from left to right, reporting the position of what it cannot read.
class Reader {
  public:
    explicit Reader(const char *text) : text_(text), pos_(text) {}

    [[noreturn]] void fail(const std::string &expected) const
    {
        throw Error(ErrorKind::invalid_text, "invalid input syntax for a summary",
                    "Expected " + expected + " at character " + std::to_string(pos_ - text_ + 1) +
                        " of \"" + text_ + "\".",
                    "A summary reads like \"v1 counts=[3,0,0,0,0,0,0,2,0,0,5]\".");
    }

    void skip_spaces()
    {
        while (*pos_ == ' ' || *pos_ == '\t' || *pos_ == '\n' || *pos_ == '\r')
            pos_++;
    }

    bool accept(const char *word)
    {
        size_t n = std::strlen(word);
        if (std::strncmp(pos_, word, n) != 0)
            return false;
        pos_ += n;
        return true;
    }

    void expect(const char *word)
    {
        if (!accept(word))
            fail(std::string("\"") + word + "\"");
    }

    int64_t integer()
    {
        int64_t v = 0;
        if (*pos_ == '-')
            fail("a count of 0 or more");
        auto r = std::from_chars(pos_, pos_ + std::strlen(pos_), v);
        if (r.ec == std::errc::result_out_of_range)
            throw Error(
                ErrorKind::out_of_range, "summary count out of range",
                "A count at character " + std::to_string(pos_ - text_ + 1) + " exceeds 2^63 - 1.");
        if (r.ec != std::errc())
            fail("a whole number");
        pos_ = r.ptr;
        return v;
    }

    double real()
    {
        double v = 0;
        auto r = std::from_chars(pos_, pos_ + std::strlen(pos_), v);
        if (r.ec != std::errc())
            fail("a finite number");
        pos_ = r.ptr;
        return v;
    }

    // Reads "[a,b,...]" of exactly n values with read.
    template <typename T, typename Read>
    void list(T *values, int n, Read read)
    {
        expect("[");
        for (int i = 0; i < n; i++) {
            if (i > 0)
                expect(",");
            values[i] = read();
        }
        if (*pos_ == ',')
            fail("\"]\" after " + std::to_string(n) + " values");
        expect("]");
    }

    bool at_end() const { return *pos_ == '\0'; }

  private:
    const char *text_;
    const char *pos_;
};

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
    Reader r(text);
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
    r.list(counts, n, [&] { return r.integer(); });

    bool weighted = r.accept(" weights=");
    if (weighted) {
        r.list(weights, n, [&] { return r.real(); });
        r.expect(" squares=");
        s.weight_squares = r.real() + 0.0;
    }
    r.skip_spaces();
    if (!r.at_end())
        r.fail("the end of the summary");

    for (int i = 0; i < n; i++) {
        int slot = buckets ? kBucketSlots[i] : i;
        s.counts[slot] = counts[i];
        s.weights[slot] = weights[i] + 0.0;  // + 0.0 turns -0 into 0
    }
    s.flags = (weighted ? kWeighted : 0) | (buckets ? kBucketsOnly : 0);
    validate(s, metric, ErrorKind::invalid_text);
    return s;
}

}  // namespace cx
