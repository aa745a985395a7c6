// Doubles as text: the shortest form that reads back as the same double.
#pragma once

#include <cstddef>
#include <string>

namespace cx {

// Writes value in the shortest round-trip form into out; returns the length written.
size_t format_double(double value, char *out, size_t capacity);

// The shortest round-trip form of value for messages, spelled as PostgreSQL spells NaN and
// the infinities.
std::string to_text(double value);

}  // namespace cx
