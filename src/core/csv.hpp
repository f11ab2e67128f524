#pragma once
// A small RFC 4180 CSV reader with located errors (file, line, column name),
// and the one writer every CSV the tool writes goes through.
#include <concepts>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
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

// Quotes a field for CSV output if needed (RFC 4180: fields holding a comma,
// a double quote or a line break are quoted, inner quotes doubled).
std::string csv_field(std::string_view s);
// A number as a CSV field: shortest round-trip text ({} of fmt), or with
// `significant` significant digits (> 0; without an exponent from 1e-4 to 1e16); NaN and infinities as an empty field
// (read as missing by pandas and R).
std::string csv_number(double v, int significant = 0);

// One cell of a CSV row: text (quoted as needed), a number or an integer.
struct CsvCell {
  std::string text;
  CsvCell(std::string_view s) : text(csv_field(s)) {}
  CsvCell(const char* s) : text(csv_field(s)) {}
  CsvCell(const std::string& s) : text(csv_field(s)) {}
  CsvCell(double v) : text(csv_number(v)) {}
  template <std::integral T>
  CsvCell(T v) : text(std::to_string(v)) {}
  static CsvCell number(double v, int significant) {
    CsvCell c("");
    c.text = csv_number(v, significant);
    return c;
  }
};

// Builds CSV text row by row (LF line ends, no trailing spaces).
class CsvWriter {
 public:
  CsvWriter() = default;
  explicit CsvWriter(std::initializer_list<CsvCell> header) { row(header); }
  explicit CsvWriter(const std::vector<std::string>& header);
  void row(std::initializer_list<CsvCell> cells);
  void row(const std::vector<CsvCell>& cells);
  const std::string& str() const { return out_; }
  std::string take() { return std::move(out_); }

 private:
  template <typename It>
  void append(It b, It e);
  std::string out_;
};

}  // namespace gangdu
