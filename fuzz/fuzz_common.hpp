#pragma once
// Shared helpers for the libFuzzer harnesses (see docs/reliability.md).
// A harness's contract: the code under test either succeeds or throws
// gangdu::InputError. Any other exception, crash, hang, leak or sanitizer
// report is a finding.
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"

namespace gangdu::fuzz {

// Aborts (a libFuzzer "crash") with a message: used for violated properties.
[[noreturn]] inline void fail(const std::string& what) {
  std::fprintf(stderr, "fuzz property violated: %s\n", what.c_str());
  std::abort();
}

// Runs f(); InputError is an accepted outcome, anything else is a finding.
template <class F>
bool accepts(F&& f) {
  try {
    f();
    return true;
  } catch (const InputError&) {
    return false;
  } catch (const std::exception& e) {
    fail(std::string("unexpected exception (not InputError): ") + e.what());
  } catch (...) {
    fail("unexpected non-std exception");
  }
}

// Splits "key=value" lines (one override per line; lines without '=' or with
// an empty key are skipped as the CLI would reject them before loading).
template <class Override>
std::vector<Override> parse_overrides(std::string_view text, size_t max_count = 16) {
  std::vector<Override> out;
  size_t pos = 0;
  while (pos <= text.size() && out.size() < max_count) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    const std::string_view line = text.substr(pos, nl - pos);
    const size_t eq = line.find('=');
    if (eq != std::string_view::npos && eq > 0)
      out.push_back({std::string(line.substr(0, eq)), std::string(line.substr(eq + 1))});
    pos = nl + 1;
  }
  return out;
}

}  // namespace gangdu::fuzz
