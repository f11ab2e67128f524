#pragma once
#include <string_view>

namespace gangdu::embedded {
// Bytes of a file compiled into the binary (see cmake/Embed.cmake), by its
// path relative to the repository root; empty if not embedded.
std::string_view find(std::string_view name);
}  // namespace gangdu::embedded
