#include "core/csv.hpp"

#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <fstream>
#include <sstream>

#include "core/error.hpp"
#include "core/file.hpp"
#include "core/seed.hpp"

namespace gangdu {

CsvTable parse_csv(const std::string& text, const std::string& file) {
  CsvTable t;
  t.file = file;
  std::vector<std::string> row;
  std::string field;
  bool in_quotes = false, field_started = false;
  int line = 1, row_line = 1;
  auto end_row = [&]() {
    row.push_back(field);
    field.clear();
    const bool blank = row.size() == 1 && row[0].empty();
    if (!blank) {
      if (t.header.empty()) {
        for (size_t i = 0; i < row.size(); ++i)
          for (size_t j = 0; j < i; ++j)
            if (row[i] == row[j])
              throw InputError(file, row_line, static_cast<int>(i) + 1, row[i],
                               "duplicate column (also column " + std::to_string(j + 1) + ")");
        t.header = row;
      } else {
        if (row.size() != t.header.size())
          throw InputError(
              file, row_line, 1, "",
              "expected " + std::to_string(t.header.size()) + " fields, found " + std::to_string(row.size()));
        t.rows.push_back(row);
        t.lines.push_back(row_line);
      }
    }
    row.clear();
    field_started = false;
  };
  // A UTF-8 byte order mark (spreadsheets write one) is not part of the first column's name.
  const size_t start = text.compare(0, 3, "\xEF\xBB\xBF") == 0 ? 3 : 0;
  for (size_t i = start; i < text.size(); ++i) {
    const char c = text[i];
    if (in_quotes) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          field += '"';
          ++i;
        } else {
          in_quotes = false;
        }
      } else {
        if (c == '\n') ++line;
        field += c;
      }
      continue;
    }
    if (c == '"' && field.empty() && !field_started) {
      in_quotes = true;
      field_started = true;
    } else if (c == ',') {
      row.push_back(field);
      field.clear();
      field_started = false;
    } else if (c == '\n') {
      end_row();
      ++line;
      row_line = line;
    } else if (c == '\r') {
      // tolerate CRLF
    } else {
      field += c;
      field_started = true;
    }
  }
  if (in_quotes) throw InputError(file, row_line, 1, "", "unterminated quoted field");
  if (!field.empty() || !row.empty()) end_row();
  if (t.header.empty()) throw InputError(file, 1, 1, "", "empty CSV file (no header)");
  return t;
}

CsvTable read_csv_file(const std::string& path) { return parse_csv(read_input_file(path, "CSV file"), path); }

size_t CsvTable::column(const std::string& name) const {
  for (size_t i = 0; i < header.size(); ++i)
    if (header[i] == name) return i;
  throw InputError(file, 1, 1, name, "missing required column");
}

double CsvTable::number(size_t row, size_t col) const {
  const std::string& s = rows[row][col];
  double v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (s.empty() || ec != std::errc() || p != s.data() + s.size() || !std::isfinite(v))
    throw InputError(file, lines[row], static_cast<int>(col) + 1, header[col], "expected a number, found '" + s + "'");
  return v;
}

int CsvTable::integer(size_t row, size_t col) const {
  const std::string& s = rows[row][col];
  int v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (s.empty() || ec != std::errc() || p != s.data() + s.size())
    throw InputError(file, lines[row], static_cast<int>(col) + 1, header[col],
                     "expected an integer, found '" + s + "'");
  return v;
}

uint64_t CsvTable::seed(size_t row, size_t col) const {
  std::string why;
  const auto v = parse_seed(rows[row][col], &why);
  if (!v) throw InputError(file, lines[row], static_cast<int>(col) + 1, header[col], why);
  return *v;
}

std::string csv_field(std::string_view s) {
  // A field that begins with a UTF-8 byte-order mark is quoted too: unquoted at the start of a
  // file, the reader would drop the mark as the file's BOM (found by fuzz_csv: a header cell
  // "\xEF\xBB\xBF" after a blank line did not survive a round trip).
  if (s.find_first_of(",\"\n\r") == std::string_view::npos && s.substr(0, 3) != "\xEF\xBB\xBF") return std::string(s);
  std::string q = "\"";
  for (char c : s) {
    if (c == '"') q += '"';
    q += c;
  }
  return q + "\"";
}

std::string csv_number(double v, int significant) {
  if (!std::isfinite(v)) return "";
  if (significant > 0) {
    // Rounded to `significant` digits, then written as the shortest text of the rounded value:
    // 1311860 rather than 1.31186e+06 (an exponent only below 1e-4 or from 1e16 on).
    const std::string e = fmt::format("{:.{}e}", v, significant - 1);
    double r = v;
    std::from_chars(e.data(), e.data() + e.size(), r);
    return fmt::format("{}", r);
  }
  return fmt::format("{}", v);  // shortest text that reads back as the same double
}

CsvWriter::CsvWriter(const std::vector<std::string>& header) {
  std::vector<CsvCell> cells(header.begin(), header.end());
  row(cells);
}

template <typename It>
void CsvWriter::append(It b, It e) {
  for (It it = b; it != e; ++it) {
    if (it != b) out_ += ',';
    out_ += it->text;
  }
  out_ += '\n';
}

void CsvWriter::row(std::initializer_list<CsvCell> cells) { append(cells.begin(), cells.end()); }
void CsvWriter::row(const std::vector<CsvCell>& cells) { append(cells.begin(), cells.end()); }

}  // namespace gangdu
