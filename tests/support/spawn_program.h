#pragma once
#include <sys/types.h>

#include <string>
#include <vector>

namespace meshtest {

// Starts `program` with `args` in the background: standard input from /dev/null, standard
// output and error to the given files (/dev/null by default), in `cwd` when one is given.
// Returns its pid, or -1 when it could not be started.
pid_t spawn_program(const std::string& program, const std::vector<std::string>& args, const std::string& cwd = {},
                    const std::string& out_path = "/dev/null", const std::string& err_path = "/dev/null");

}  // namespace meshtest
