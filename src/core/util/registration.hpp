#pragma once
/// @file
/// RAII registration handles: whatever a module registers is undone when its handle dies.

#include <functional>
#include <utility>
#include <vector>

namespace sb {

/// Undoes one registration when destroyed. Move-only.
class [[nodiscard]] Registration {
 public:
  Registration() = default;
  explicit Registration(std::function<void()> undo) : undo_(std::move(undo)) {}
  Registration(Registration&& other) noexcept : undo_(std::exchange(other.undo_, nullptr)) {}
  Registration& operator=(Registration&& other) noexcept {
    if (this != &other) {
      reset();
      undo_ = std::exchange(other.undo_, nullptr);
    }
    return *this;
  }
  Registration(const Registration&) = delete;
  Registration& operator=(const Registration&) = delete;
  ~Registration() { reset(); }

  /// Undo now (idempotent).
  void reset() {
    if (auto undo = std::exchange(undo_, nullptr)) {
      undo();
    }
  }
  bool active() const { return static_cast<bool>(undo_); }

 private:
  std::function<void()> undo_;
};

/// A bundle of registrations, undone in reverse order of addition.
class Registrations {
 public:
  Registrations() = default;
  Registrations(Registrations&&) noexcept = default;
  Registrations& operator=(Registrations&& other) noexcept {
    clear();
    items_ = std::move(other.items_);
    return *this;
  }
  ~Registrations() { clear(); }

  void add(Registration registration) { items_.push_back(std::move(registration)); }
  Registrations& operator+=(Registration registration) {
    add(std::move(registration));
    return *this;
  }
  /// Takes over another bundle's registrations (undone after this bundle's earlier ones).
  Registrations& operator+=(Registrations&& other) {
    for (auto& item : other.items_) {
      items_.push_back(std::move(item));
    }
    other.items_.clear();
    return *this;
  }
  void clear() {
    while (!items_.empty()) {
      items_.pop_back();
    }
  }
  std::size_t size() const { return items_.size(); }

 private:
  std::vector<Registration> items_;
};

}  // namespace sb
