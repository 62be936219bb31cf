#pragma once
#include <chrono>
#include <iostream>
#include <string>

#include "cli/global_options.h"

namespace meshprobe {

// What a command says on standard error while it works: lines for people, never for parsers.
class Console {
public:
    explicit Console(const GlobalOptions& global) : global_(global) {}
    void info(const std::string& line) const {
        if (!global_.quiet) std::cerr << "meshprobe: " << line << "\n";
    }
    void detail(const std::string& line) const {
        if (global_.verbose) std::cerr << "meshprobe: " << line << "\n";
    }
    bool quiet() const { return global_.quiet; }

private:
    const GlobalOptions& global_;
};

class Stopwatch {
public:
    double seconds() const { return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count(); }

private:
    std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
};

}  // namespace meshprobe
