#pragma once
/// @file
/// A small value-or-error type: the auth code reports failures as values, never by throwing.

#include <utility>
#include <variant>

namespace sb::sip::auth {

/// Holds either a value of type T or an error of type E (std::expected is C++23).
template <typename T, typename E>
class Result {
 public:
  /// A successful result.
  Result(T value) : state_(std::in_place_index<0>, std::move(value)) {}  // NOLINT: implicit
  /// A failed result.
  Result(E error) : state_(std::in_place_index<1>, error) {}  // NOLINT: implicit

  /// True when a value is held.
  [[nodiscard]] bool ok() const { return state_.index() == 0; }
  /// Same as ok().
  explicit operator bool() const { return ok(); }

  /// The value; only valid when ok().
  [[nodiscard]] const T& value() const& { return std::get<0>(state_); }
  [[nodiscard]] T& value() & { return std::get<0>(state_); }
  [[nodiscard]] T&& value() && { return std::get<0>(std::move(state_)); }
  /// Shorthands for value(); only valid when ok().
  const T& operator*() const& { return value(); }
  T& operator*() & { return value(); }
  const T* operator->() const { return &value(); }
  T* operator->() { return &value(); }

  /// The error; only valid when !ok().
  [[nodiscard]] E error() const { return std::get<1>(state_); }

 private:
  std::variant<T, E> state_;
};

}  // namespace sb::sip::auth
