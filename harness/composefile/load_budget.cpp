#include "composefile/load_budget.h"

#include <string>

#include "core/errors.h"

namespace meshprobe {

void LoadBudget::add_file(std::size_t bytes, const SourceLocation& where) {
    if (++files_ > limits_.files)
        throw InputError(where, "the compose files include more than " + std::to_string(limits_.files) +
                                    " files (the limit for one project)");
    bytes_ += bytes;
    if (bytes_ > limits_.bytes)
        throw InputError(where, "the compose files are larger than " + std::to_string(limits_.bytes >> 20) +
                                    " MiB together (the limit for one project)");
}

void LoadBudget::add_expansions(std::size_t count, const SourceLocation& where) {
    expansions_ += count;
    if (expansions_ > limits_.expansions)
        throw InputError(where, "include and extends expand to more than " + std::to_string(limits_.expansions) +
                                    " references and included services (the limit for one project; an include "
                                    "diamond or fan-out?)");
}

}  // namespace meshprobe
