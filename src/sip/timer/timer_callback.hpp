#pragma once
/// @file
/// A move-only `void()` callable with inline storage, so that typical timer callbacks (a
/// pointer or two of captures) are stored in the timer node without a heap allocation.
/// std::function cannot hold move-only captures and std::move_only_function is C++23.

#include <cstddef>
#include <new>
#include <type_traits>
#include <utility>

namespace sb::sip {

/// Move-only callable taking no arguments. Callables up to kInlineSize bytes that are
/// nothrow-movable live inline; larger ones go to the heap.
class TimerCallback {
 public:
  /// Room for two pointers (`this`, a std::weak_ptr, ...): the common capture lists of
  /// protocol timers, and small enough that a timer node fits one cache line.
  static constexpr std::size_t kInlineSize = 2 * sizeof(void*);

  TimerCallback() noexcept = default;

  /// Wraps `fn`, which must be callable as `fn()`.
  template <class F>
  requires(!std::is_same_v<std::remove_cvref_t<F>, TimerCallback> &&
           std::is_invocable_v<std::remove_cvref_t<F>&>)
      TimerCallback(F&& fn) {  // NOLINT(google-explicit-constructor): lambdas convert implicitly
    using Fn = std::remove_cvref_t<F>;
    if constexpr (fitsInline<Fn>()) {
      ::new (static_cast<void*>(storage_)) Fn(std::forward<F>(fn));
      ops_ = &kInlineOps<Fn>;
    } else {
      Fn* heap = new Fn(std::forward<F>(fn));
      ::new (static_cast<void*>(storage_)) Fn*(heap);
      ops_ = &kHeapOps<Fn>;
    }
  }

  TimerCallback(TimerCallback&& other) noexcept { takeFrom(other); }

  TimerCallback& operator=(TimerCallback&& other) noexcept {
    if (this != &other) {
      reset();
      takeFrom(other);
    }
    return *this;
  }

  TimerCallback(const TimerCallback&) = delete;
  TimerCallback& operator=(const TimerCallback&) = delete;

  ~TimerCallback() { reset(); }

  /// True when a callable is held.
  explicit operator bool() const noexcept { return ops_ != nullptr; }

  /// Calls the held callable; must not be empty.
  void operator()() { ops_->invoke(storage_); }

  /// Destroys the held callable, leaving this empty.
  void reset() noexcept {
    if (ops_ != nullptr) {
      ops_->destroy(storage_);
      ops_ = nullptr;
    }
  }

  /// True if a callable of type F would be stored without allocating.
  template <class F>
  static constexpr bool fitsInline() {
    return sizeof(F) <= kInlineSize && alignof(F) <= alignof(void*) &&
           std::is_nothrow_move_constructible_v<F>;
  }

 private:
  struct Ops {
    void (*invoke)(void* self);
    // Move-constructs into `to` and destroys `from`.
    void (*relocate)(void* to, void* from) noexcept;
    void (*destroy)(void* self) noexcept;
  };

  template <class Fn>
  static constexpr Ops kInlineOps{[](void* self) { (*static_cast<Fn*>(self))(); },
                                  [](void* to, void* from) noexcept {
                                    Fn* source = static_cast<Fn*>(from);
                                    ::new (to) Fn(std::move(*source));
                                    source->~Fn();
                                  },
                                  [](void* self) noexcept { static_cast<Fn*>(self)->~Fn(); }};

  template <class Fn>
  static constexpr Ops kHeapOps{
      [](void* self) { (**static_cast<Fn**>(self))(); },
      [](void* to, void* from) noexcept { ::new (to) Fn*(*static_cast<Fn**>(from)); },
      [](void* self) noexcept { delete *static_cast<Fn**>(self); }};

  void takeFrom(TimerCallback& other) noexcept {
    if (other.ops_ != nullptr) {
      other.ops_->relocate(storage_, other.storage_);
      ops_ = other.ops_;
      other.ops_ = nullptr;
    }
  }

  alignas(void*) unsigned char storage_[kInlineSize];
  const Ops* ops_ = nullptr;
};

}  // namespace sb::sip
