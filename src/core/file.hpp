#pragma once
// Reading an input file whole, with the errors every reader shares: a missing,
// unreadable or directory path is an InputError naming the path and what was expected.
#include <string>
#include <string_view>

namespace gangdu {

// `what` names the expected file in the error ("scenario file", "CSV file", ...).
std::string read_input_file(const std::string& path, std::string_view what);

}  // namespace gangdu
