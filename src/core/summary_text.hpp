// The text form of score summaries, the contract by which distributed engines ship partial
// aggregates between nodes: exact (shortest round-trip doubles), versioned, and compact.
//
//   v1 counts=[3,0,0,0,0,0,0,2,0,0,5]                      unweighted, one count per score
//   v1 counts=[1,0,2] weights=[2.5,0,3] squares=10.25     weighted: weight sums per score
//   v1 buckets=[3,2,5]                                    NPS detractors, passives, promoters
#pragma once

#include <cstddef>

#include "core/score_summary.hpp"

namespace cx {

// Room for the longest text form: 11 counts of 19 digits and 12 doubles of at most 24
// characters, with their labels and separators (about 550 characters).
constexpr size_t kSummaryTextCapacity = 640;

// Writes the text form of s, NUL-terminated, into out (kSummaryTextCapacity bytes); returns
// its length.
size_t format_summary(const ScoreSummary &s, char *out);

// Reads a summary of metric from its text form; throws invalid_text naming the position.
ScoreSummary parse_summary(const char *text, Metric metric);

}  // namespace cx
