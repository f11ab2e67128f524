#pragma once
// Little binary serialisation helpers for checkpoints: raw little-endian PODs,
// length-prefixed strings and vectors. The reader checks every length against
// the bytes left and throws std::runtime_error on truncated or corrupt input.
#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <vector>

namespace gangdu {

class BinWriter {
 public:
  template <class T>
  void put(const T& v) {
    static_assert(std::is_trivially_copyable_v<T>);
    const char* p = reinterpret_cast<const char*>(&v);
    buf_.append(p, sizeof(T));
  }
  void put_str(const std::string& s) {
    put<uint64_t>(s.size());
    buf_.append(s);
  }
  template <class T>
  void put_vec(const std::vector<T>& v) {
    static_assert(std::is_trivially_copyable_v<T>);
    put<uint64_t>(v.size());
    if (!v.empty()) buf_.append(reinterpret_cast<const char*>(v.data()), v.size() * sizeof(T));
  }
  const std::string& bytes() const { return buf_; }

 private:
  std::string buf_;
};

class BinReader {
 public:
  BinReader(const char* data, size_t size) : p_(data), end_(data + size) {}
  explicit BinReader(const std::string& s) : BinReader(s.data(), s.size()) {}
  template <class T>
  T get() {
    static_assert(std::is_trivially_copyable_v<T>);
    need(sizeof(T));
    T v;
    std::memcpy(&v, p_, sizeof(T));
    p_ += sizeof(T);
    return v;
  }
  std::string get_str() {
    const auto n = get<uint64_t>();
    need(n);
    std::string s(p_, n);
    p_ += n;
    return s;
  }
  // Reads into `v`, reusing its capacity (no reallocation when it suffices).
  template <class T>
  void get_vec(std::vector<T>& v) {
    static_assert(std::is_trivially_copyable_v<T>);
    const auto n = get<uint64_t>();
    if (n > static_cast<uint64_t>(end_ - p_) / (sizeof(T) ? sizeof(T) : 1)) throw std::runtime_error("truncated data");
    v.resize(n);
    if (n) std::memcpy(v.data(), p_, n * sizeof(T));
    p_ += n * sizeof(T);
  }
  bool done() const { return p_ == end_; }

 private:
  void need(uint64_t n) const {
    if (n > static_cast<uint64_t>(end_ - p_)) throw std::runtime_error("truncated data");
  }
  const char* p_;
  const char* end_;
};

}  // namespace gangdu
