// Errors raised by the core. The SQL glue maps each kind to a SQLSTATE; the core itself knows
// nothing of PostgreSQL.
#pragma once

#include <stdexcept>
#include <string>

namespace cx {

enum class ErrorKind {
    invalid_text,       // 22P02: malformed text representation
    invalid_binary,     // 22P03: malformed binary representation
    out_of_range,       // 22003: a value outside its scale, or a counter overflow
    invalid_parameter,  // 22023: an argument the computation cannot take
    null_value,         // 22004: a NULL where a value is required
};

// An error a user can cause, with PostgreSQL-style detail and hint sentences.
class Error : public std::runtime_error {
  public:
    Error(ErrorKind kind, const std::string &message, std::string detail = {},
          std::string hint = {})
        : std::runtime_error(message),
          kind_(kind),
          detail_(std::move(detail)),
          hint_(std::move(hint))
    {}

    ErrorKind kind() const { return kind_; }
    const std::string &detail() const { return detail_; }
    const std::string &hint() const { return hint_; }

  private:
    ErrorKind kind_;
    std::string detail_;
    std::string hint_;
};

}  // namespace cx
