#include "core/file.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/error.hpp"

namespace gangdu {

std::string read_input_file(const std::string& path, std::string_view what) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec))
    throw InputError(path, 0, 0, "",
                     "is a directory, not a " + std::string(what) + " (an output folder goes to --out)");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(path, 0, 0, "", "cannot open " + std::string(what) + " (missing or unreadable)");
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) throw InputError(path, 0, 0, "", "read error on " + std::string(what));
  return ss.str();
}

}  // namespace gangdu
