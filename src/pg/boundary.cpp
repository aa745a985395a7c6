// Turning C++ exceptions into PostgreSQL errors.
#include "pg/boundary.hpp"

#include <cstring>
#include <new>
#include <stdexcept>

#include "core/error.hpp"

namespace cx::pg {
namespace {

// The SQLSTATE of each kind of core error.
int sqlstate_of(ErrorKind kind)
{
    switch (kind) {
        case ErrorKind::invalid_text:
            return ERRCODE_INVALID_TEXT_REPRESENTATION;
        case ErrorKind::invalid_binary:
            return ERRCODE_INVALID_BINARY_REPRESENTATION;
        case ErrorKind::out_of_range:
            return ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE;
        case ErrorKind::invalid_parameter:
            return ERRCODE_INVALID_PARAMETER_VALUE;
        case ErrorKind::null_value:
            return ERRCODE_NULL_VALUE_NOT_ALLOWED;
    }
    return ERRCODE_INTERNAL_ERROR;
}

// Copies text into a fixed buffer, cutting it if it is too long.
template <size_t N>
void copy_text(char (&into)[N], const char *text)
{
    std::strncpy(into, text, N - 1);
    into[N - 1] = '\0';
}

}  // namespace

void capture_exception(PendingError &pending) noexcept
{
    pending.sqlstate = ERRCODE_INTERNAL_ERROR;
    pending.message[0] = pending.detail[0] = pending.hint[0] = '\0';
    try {
        throw;
    } catch (const Error &e) {
        pending.sqlstate = sqlstate_of(e.kind());
        copy_text(pending.message, e.what());
        copy_text(pending.detail, e.detail().c_str());
        copy_text(pending.hint, e.hint().c_str());
    } catch (const std::bad_alloc &) {
        pending.sqlstate = ERRCODE_OUT_OF_MEMORY;
        copy_text(pending.message, "out of memory");
    } catch (const std::domain_error &e) {
        pending.sqlstate = ERRCODE_INVALID_PARAMETER_VALUE;
        copy_text(pending.message, "invalid argument to a statistical function");
        copy_text(pending.detail, e.what());
    } catch (const std::overflow_error &e) {
        pending.sqlstate = ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE;
        copy_text(pending.message, "value out of range in a statistical function");
        copy_text(pending.detail, e.what());
    } catch (const std::exception &e) {
        copy_text(pending.message, e.what());
    } catch (...) {
        copy_text(pending.message, "unexpected C++ exception");
    }
}

void raise_error(const PendingError &pending)
{
    // The buffers were cut at a byte count; end them on a whole character of the encoding.
    PendingError clipped = pending;
    for (char *text : {clipped.message, clipped.detail, clipped.hint}) {
        int len = static_cast<int>(std::strlen(text));
        text[pg_mbcliplen(text, len, len)] = '\0';
    }

    ereport(ERROR, (errcode(clipped.sqlstate), errmsg_internal("%s", clipped.message),
                    clipped.detail[0] ? errdetail_internal("%s", clipped.detail) : 0,
                    clipped.hint[0] ? errhint("%s", clipped.hint) : 0));
    pg_unreachable();
}

}  // namespace cx::pg
