#pragma once
#include <string>

#include "core/check.h"

namespace meshprobe::testing {

Check make_check(Suite suite, Endpoint from, Endpoint to, Want want, std::string expected,
                 std::string observed, Verdict verdict, std::string note = {});

// Eight checks over dns, reach, isolation and egress (none in ports):
// 5 pass (one with a reverse-path note), 1 fail, 2 error; 1.84 s.
RunReport sample_report();

}  // namespace meshprobe::testing
