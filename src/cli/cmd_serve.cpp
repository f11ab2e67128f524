#include "cli/commands.hpp"
namespace gangdu::cli {
void register_serve(CLI::App&) {}
}
