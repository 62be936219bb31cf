#pragma once
#include <string>

#include "composefile/interpolation.h"
#include "core/source_location.h"

namespace meshprobe {

// Reads a `.env` file as compose does: `KEY=VALUE` lines, `export ` prefixes, `#` comments,
// single quotes (literal), double quotes (escapes), and `${VAR}` / `${VAR:-default}` inside
// values, taken from earlier lines and then from `environment`. Throws InputError when the
// file cannot be read (at `named_at` when another file names it) or a line has no key.
Variables read_env_file(const std::string& path, const Variables& environment, const SourceLocation& named_at = {});

// Whether the `.env` a project folder may have is there to be read: false when nothing is
// there (a symbolic link loop included), or a folder (compose skips it; some projects keep their env files in `.env/`);
// InputError "path: env file is not a regular file (a FIFO)" for anything else that is no
// regular file, which compose cannot read either and which would block a reader.
bool has_dotenv(const std::string& path);

}  // namespace meshprobe
