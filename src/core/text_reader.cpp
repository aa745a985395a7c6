// Reading the text forms of the summary types.
#include "core/text_reader.hpp"

#include <charconv>
#include <cmath>
#include <cstring>

#include "core/error.hpp"

namespace cx {

TextReader::TextReader(const char *text, const char *type_name, const char *example)
    : text_(text), pos_(text), type_name_(type_name), example_(example)
{}

void TextReader::fail(const std::string &expected) const
{
    throw Error(ErrorKind::invalid_text, std::string("invalid input syntax for type ") + type_name_,
                "Expected " + expected + " at character " + std::to_string(pos_ - text_ + 1) +
                    " of \"" + excerpt() + "\".",
                std::string("A ") + type_name_ + " reads like \"" + example_ + "\".");
}

bool TextReader::skip_spaces()
{
    const char *start = pos_;
    while (*pos_ == ' ' || *pos_ == '\t' || *pos_ == '\n' || *pos_ == '\r')
        pos_++;
    return pos_ != start;
}

bool TextReader::accept(const char *word)
{
    size_t n = std::strlen(word);
    if (std::strncmp(pos_, word, n) != 0)
        return false;
    pos_ += n;
    return true;
}

void TextReader::expect(const char *word)
{
    if (!accept(word))
        fail(std::string("\"") + word + "\"");
}

int64_t TextReader::count()
{
    if (*pos_ < '0' || *pos_ > '9')
        fail("a count of 0 or more");
    int64_t v = 0;
    auto r = std::from_chars(pos_, pos_ + std::strlen(pos_), v);
    if (r.ec == std::errc::result_out_of_range)
        throw Error(
            ErrorKind::out_of_range, std::string("count out of range for type ") + type_name_,
            "The count at character " + std::to_string(pos_ - text_ + 1) + " exceeds 2^63 - 1.");
    pos_ = r.ptr;
    return v;
}

double TextReader::real(const char *what)
{
    double v = 0;
    auto r = std::from_chars(pos_, pos_ + std::strlen(pos_), v);
    if (r.ec != std::errc() || !std::isfinite(v))
        fail(what);
    pos_ = r.ptr;
    return v + 0.0;  // + 0.0 turns -0 into 0
}

std::string TextReader::excerpt() const
{
    size_t n = std::strlen(text_);
    if (n <= 100)
        return text_;
    size_t cut = 100;
    while (cut > 0 && (static_cast<unsigned char>(text_[cut]) & 0xC0) == 0x80)
        cut--;
    return std::string(text_, cut) + "...";
}

}  // namespace cx
