#pragma once
#include <chrono>
#include <iostream>
#include <string>

namespace meshprobe {

// What a command says on standard error while it works: lines for people, never for parsers.
class Console {
public:
    Console(bool quiet, bool verbose) : quiet_(quiet), verbose_(verbose) {}
    // From the command line's flags (cli/global_options.h), or anything else with those two.
    template <typename Flags>
    explicit Console(const Flags& flags) : Console(flags.quiet, flags.verbose) {}
    void info(const std::string& line) const {
        if (!quiet_) std::cerr << "meshprobe: " << line << "\n";
    }
    void detail(const std::string& line) const {
        if (verbose_) std::cerr << "meshprobe: " << line << "\n";
    }
    bool quiet() const { return quiet_; }

private:
    bool quiet_;
    bool verbose_;
};

class Stopwatch {
public:
    double seconds() const { return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count(); }

private:
    std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
};

}  // namespace meshprobe
