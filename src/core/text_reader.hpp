// Reading the text forms of the summary types: left to right, naming the position and what was
// expected there when the text cannot be read.
#pragma once

#include <cstdint>
#include <string>

namespace cx {

class TextReader {
  public:
    // Reads text, the text form of type_name; example shows a well-formed one in messages.
    TextReader(const char *text, const char *type_name, const char *example);

    // Throws invalid_text: expected was not found at the current position.
    [[noreturn]] void fail(const std::string &expected) const;

    // Skips white space; whether there was any.
    bool skip_spaces();

    // Consumes word if the text continues with it.
    bool accept(const char *word);

    // Consumes word, or fails.
    void expect(const char *word);

    // A count: decimal digits, no sign. Throws out_of_range beyond 2^63 - 1.
    int64_t count();

    // A finite double in any form that strtod reads; -0 reads as 0.
    double real(const char *what);

    // The next character, without consuming it; '\0' at the end.
    char peek() const { return *pos_; }

    // Consumes one character.
    void advance() { pos_++; }

    bool at_end() const { return *pos_ == '\0'; }

  private:
    // The text for a message: at most 100 bytes, cut before a UTF-8 continuation byte.
    std::string excerpt() const;

    const char *text_;
    const char *pos_;
    const char *type_name_;
    const char *example_;
};

}  // namespace cx
