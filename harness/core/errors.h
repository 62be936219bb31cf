#pragma once
#include <stdexcept>
#include <string>

#include "core/source_location.h"

namespace meshprobe {

// Exit codes, fixed by docs/commands.md.
enum ExitCode : int {
    kExitConformant = 0,
    kExitViolations = 1,
    kExitInputError = 2,
    kExitInfraError = 3,
};

// A mistake in something the user wrote (contract, compose file, flag): exit 2.
class InputError : public std::runtime_error {
public:
    InputError(SourceLocation where, const std::string& message)
        : std::runtime_error(where.file.empty() ? message : where.str() + ": " + message),
          where_(std::move(where)) {}
    explicit InputError(const std::string& message) : std::runtime_error(message) {}
    const SourceLocation& where() const { return where_; }

private:
    SourceLocation where_;
};

// Docker engine unreachable, compose failed, a probe could not be injected: exit 3.
class InfraError : public std::runtime_error {
public:
    explicit InfraError(const std::string& message, std::string detail = {})
        : std::runtime_error(message), detail_(std::move(detail)) {}
    // Long diagnostic output (for example compose's own log) for the report.
    const std::string& detail() const { return detail_; }

private:
    std::string detail_;
};

}  // namespace meshprobe
