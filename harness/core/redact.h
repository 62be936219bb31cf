#pragma once
#include <string>

namespace meshprobe {

// `text` (a command line, a URL, a message) with its secrets replaced by "***": the userinfo,
// query and fragment of every URL in it ("https://***@host/path?***"), the value of every
// token-like option ("--token ***", "--api-key=***") and of every token-like variable
// ("GITHUB_TOKEN=***"). For whatever meshprobe records or prints about a command or a URL:
// lock files, messages, logs.
std::string redact(const std::string& text);

}  // namespace meshprobe
