// Shortest round-trip text of doubles.
#include "core/number_text.hpp"

#include <charconv>
#include <cmath>

namespace cx {

size_t format_double(double value, char *out, size_t capacity)
{
    auto r = std::to_chars(out, out + capacity, value);
    return static_cast<size_t>(r.ptr - out);
}

std::string to_text(double value)
{
    if (std::isnan(value))
        return "NaN";
    if (std::isinf(value))
        return value > 0 ? "Infinity" : "-Infinity";
    char buf[32];
    return std::string(buf, format_double(value, buf, sizeof buf));
}

}  // namespace cx
