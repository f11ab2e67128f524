#pragma once
// A small RFC 4180 CSV reader with located errors (file, line, column name).
#include <cstdint>
#include <string>
#include <vector>

namespace gangdu {

struct CsvTable {
  std::string file;
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  std::vector<int> lines;  // 1-based line number of each row in the file

  // Index of a required column; throws InputError naming the file if absent.
  size_t column(const std::string& name) const;
  // Field as a number; throws InputError naming file, line and column on bad text.
  double number(size_t row, size_t col) const;
  int integer(size_t row, size_t col) const;
  // Field as a seed (core/seed.hpp): a whole number in [0, 2^63 - 1], exactly.
  uint64_t seed(size_t row, size_t col) const;
};

// Parses CSV text; every row must have as many fields as the header.
CsvTable parse_csv(const std::string& text, const std::string& file);
CsvTable read_csv_file(const std::string& path);

// Quotes a field for CSV output if needed.
std::string csv_field(const std::string& s);

}  // namespace gangdu
