#pragma once
#include <stdexcept>
#include <string>

namespace gangdu {

// An error in user input (scenario, override, data file). Carries where it
// happened so the CLI can print "file:line:column: key: message" and exit 2.
class InputError : public std::runtime_error {
 public:
  InputError(std::string file, int line, int column, std::string key, std::string message)
      : std::runtime_error(format(file, line, column, key, message)),
        file_(std::move(file)),
        line_(line),
        column_(column),
        key_(std::move(key)),
        message_(std::move(message)) {}

  const std::string& file() const { return file_; }
  int line() const { return line_; }
  int column() const { return column_; }
  const std::string& key() const { return key_; }
  const std::string& message() const { return message_; }

 private:
  static std::string format(const std::string& file, int line, int column, const std::string& key,
                            const std::string& message) {
    std::string s = file;
    if (line > 0) {
      s += ':';
      s += std::to_string(line);
      s += ':';
      s += std::to_string(column);
    }
    s += ": ";
    if (!key.empty()) {
      s += "key '";
      s += key;
      s += "': ";
    }
    s += message;
    return s;
  }
  std::string file_;
  int line_;
  int column_;
  std::string key_;
  std::string message_;
};

}  // namespace gangdu
