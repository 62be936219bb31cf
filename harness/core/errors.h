#pragma once
#include <cstddef>
#include <stdexcept>
#include <string>
#include <vector>

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
          where_(std::move(where)), message_(message) {}
    explicit InputError(const std::string& message) : std::runtime_error(message), message_(message) {}
    const SourceLocation& where() const { return where_; }
    // The message without its location, for reports that give the location a field of its own.
    const std::string& message() const { return message_; }
    // The mistakes this error stands for: itself, or all that InputErrors gathered.
    virtual std::vector<InputError> all() const { return {*this}; }

private:
    SourceLocation where_;
    std::string message_;
};

// The mistakes of one file read in parts: the contract's reader goes on after a mistake, so
// that a user sees them all at once, not one a run. what() is the first; all() each of them.
class InputErrors : public InputError {
public:
    explicit InputErrors(std::vector<InputError> errors)
        : InputError(errors.front()), errors_(std::move(errors)) {}
    std::vector<InputError> all() const override { return errors_; }

private:
    std::vector<InputError> errors_;
};

// How many mistakes are shown; the rest are counted ("and 12 more").
constexpr std::size_t kMaxShownInputErrors = 50;

// Gathers the mistakes of a reading done in parts, each part a call of attempt().
class InputErrorList {
public:
    // Runs `read`; keeps the InputError (or the InputErrors) it throws. False when it threw.
    template <typename Read>
    bool attempt(Read&& read) {
        try {
            read();
            return true;
        } catch (const InputError& error) {
            for (InputError& one : error.all()) errors_.push_back(std::move(one));
            return false;
        }
    }
    bool empty() const { return errors_.empty(); }
    // Throws what was gathered: the one InputError, or InputErrors; nothing when none.
    void throw_if_any() const;

private:
    std::vector<InputError> errors_;
};

// Each mistake on a line of its own, "meshprobe: FILE:LINE: message", the first
// kMaxShownInputErrors of them and then "meshprobe: and N more".
std::string input_error_lines(const InputError& error);

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
