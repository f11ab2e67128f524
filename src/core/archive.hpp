#pragma once
// Binary archives for checkpoints (engine/checkpoint.cpp).
//
// Every piece of run state lists its fields ONCE, next to their declaration:
//
//   template <class A> void fields(A& a) { a(x, y, z); }
//
// and the same listing drives saving (Saver), loading (Loader) and the layout
// fingerprint (Schema) stored in the checkpoint header. A field is one of:
// a trivially copyable value (numbers, enums, Month, std::array of those), a
// std::string, an rng::Stream, a std::vector of any of these, or a type with
// its own fields(). Adding a field to state is one entry in its fields().
//
// Loader never trusts a length from the file: every count is checked against
// the bytes left before anything is allocated; a short or corrupt input throws
// std::runtime_error.
#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <vector>

#include "core/rng.hpp"

namespace gangdu::archive {

template <class T>
struct is_vector : std::false_type {};
template <class T, class Al>
struct is_vector<std::vector<T, Al>> : std::true_type {};

// The shared walk over a fields() listing; Derived handles each kind of field
// (value, string, stream, vector) and may mark where a listing opens and closes.
template <class Derived>
class Visitor {
 public:
  template <class... T>
  void operator()(T&... xs) {
    self().open();
    (visit(xs), ...);
    self().close();
  }
  template <class T>
  void visit(T& x) {
    if constexpr (requires { x.fields(self()); }) {
      x.fields(self());
    } else if constexpr (std::is_same_v<T, std::string>) {
      self().string(x);
    } else if constexpr (std::is_same_v<T, rng::Stream>) {
      self().stream(x);
    } else if constexpr (is_vector<T>::value) {
      self().vector(x);
    } else {
      static_assert(std::is_trivially_copyable_v<T>, "list the fields of this type (fields(A&))");
      self().value(x);
    }
  }
  void open() {}
  void close() {}

 private:
  Derived& self() { return static_cast<Derived&>(*this); }
};

class Saver : public Visitor<Saver> {
 public:
  template <class T>
  void put(const T& v) {
    static_assert(std::is_trivially_copyable_v<T>);
    buf_.append(reinterpret_cast<const char*>(&v), sizeof(T));
  }
  void put_str(const std::string& s) {
    put<uint64_t>(s.size());
    buf_.append(s);
  }
  const std::string& bytes() const { return buf_; }

  template <class T>
  void value(T& x) {
    put(x);
  }
  void string(std::string& x) { put_str(x); }
  void stream(rng::Stream& x) { put_str(x.state()); }
  template <class V>
  void vector(V& x) {
    using E = typename V::value_type;
    put<uint64_t>(x.size());
    if constexpr (std::is_trivially_copyable_v<E>) {
      if (!x.empty()) buf_.append(reinterpret_cast<const char*>(x.data()), x.size() * sizeof(E));
    } else {
      for (E& e : x) visit(e);
    }
  }

 private:
  std::string buf_;
};

class Loader : public Visitor<Loader> {
 public:
  Loader(const char* data, size_t size) : p_(data), end_(data + size) {}
  explicit Loader(const std::string& s) : Loader(s.data(), s.size()) {}
  template <class T>
  T get() {
    static_assert(std::is_trivially_copyable_v<T>);
    need(sizeof(T));
    if constexpr (std::is_same_v<T, bool>) {
      // A byte other than 0 or 1 is no bool: reading it as one is undefined (UBSan).
      const auto b = static_cast<unsigned char>(*p_++);
      if (b > 1) throw std::runtime_error("invalid bool in checkpoint state");
      return b == 1;
    }
    T v;
    std::memcpy(&v, p_, sizeof(T));
    p_ += sizeof(T);
    return v;
  }
  std::string get_str() {
    const auto n = get<uint64_t>();
    need(n);
    std::string s(p_, static_cast<size_t>(n));
    p_ += n;
    return s;
  }
  bool done() const { return p_ == end_; }
  size_t left() const { return static_cast<size_t>(end_ - p_); }

  template <class T>
  void value(T& x) {
    x = get<T>();
  }
  void string(std::string& x) { x = get_str(); }
  void stream(rng::Stream& x) { x.set_state(get_str()); }
  template <class V>
  void vector(V& x) {
    using E = typename V::value_type;
    const auto n = get<uint64_t>();
    if constexpr (std::is_trivially_copyable_v<E>) {
      if (n > left() / sizeof(E)) throw std::runtime_error("truncated data (a length beyond the end)");
      x.resize(static_cast<size_t>(n));  // reuses the reserved capacity
      if (n) std::memcpy(static_cast<void*>(x.data()), p_, static_cast<size_t>(n) * sizeof(E));
      p_ += n * sizeof(E);
    } else {
      // Every element takes at least one byte (a length or a value).
      if (n > left()) throw std::runtime_error("truncated data (a length beyond the end)");
      x.resize(static_cast<size_t>(n));
      for (E& e : x) visit(e);
    }
  }

 private:
  void need(uint64_t n) const {
    if (n > left()) throw std::runtime_error("truncated data");
  }
  const char* p_;
  const char* end_;
};

// The layout of the listed state as text (kinds and sizes, nesting): its hash
// goes into the checkpoint header, so a checkpoint written by a program whose
// state has other fields is refused instead of misread.
class Schema : public Visitor<Schema> {
 public:
  const std::string& text() const { return s_; }
  void open() { s_ += '('; }
  void close() { s_ += ')'; }
  template <class T>
  void value(T&) {
    s_ += std::to_string(sizeof(T)) + ';';
  }
  void string(std::string&) { s_ += 's'; }
  void stream(rng::Stream&) { s_ += 'r'; }
  template <class V>
  void vector(V&) {
    using E = typename V::value_type;
    s_ += 'v';
    if constexpr (std::is_trivially_copyable_v<E>) {
      s_ += std::to_string(sizeof(E)) + ';';
    } else {
      E e{};
      visit(e);
    }
  }

 private:
  std::string s_;
};

}  // namespace gangdu::archive
