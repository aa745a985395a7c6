// The one boundary where C++ exceptions become PostgreSQL errors. Every SQL-callable function
// whose work can throw runs it through guarded(): the exception is caught, its message copied
// into plain buffers, the try scope left, and only then is ereport called, so no C++ object is
// alive while PostgreSQL unwinds with longjmp.
#pragma once

#include "pg/postgres.hpp"

namespace cx::pg {

// An error on its way from C++ to ereport, in storage that needs no destructor.
struct PendingError {
    int sqlstate;
    char message[256];
    char detail[1024];
    char hint[512];
};

// Fills pending from the exception being handled; call only inside a catch block.
void capture_exception(PendingError &pending) noexcept;

// Raises pending as a PostgreSQL ERROR.
[[noreturn]] void raise_error(const PendingError &pending);

// Runs body, which returns a Datum, turning any exception it throws into an ERROR.
template <typename Body>
Datum guarded(Body &&body)
{
    PendingError pending;
    try {
        return body();
    } catch (...) {
        capture_exception(pending);
    }
    raise_error(pending);
}

// Runs body, which returns nothing, turning any exception it throws into an ERROR.
template <typename Body>
void guarded_void(Body &&body)
{
    guarded([&] {
        body();
        return Datum(0);
    });
}

}  // namespace cx::pg
