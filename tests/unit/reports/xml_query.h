#pragma once
#include <string>

namespace meshprobe::testing {

// Parses XML with xmllint, the independent judge of well-formedness the tests rely on.
bool xmllint_available();

// True when xmllint accepts the document.
bool well_formed(const std::string& xml);

// The string value of an XPath 1.0 expression over the document, e.g.
// "string(/testsuites/@tests)" or "count(//testcase)".
std::string xpath(const std::string& xml, const std::string& expression);

}  // namespace meshprobe::testing
