#pragma once
/// @file
/// The base of every configured object ("sorcery" object): an immutable snapshot once built.

#include <string>

#include "core/config/config_file.hpp"

namespace sb::store {

/// Every object type's struct derives from Object. After the store builds an object it is
/// shared as `std::shared_ptr<const T>` and never changes; a reload builds new ones.
struct Object {
  std::string id;                ///< the section name, e.g. "6001"
  std::string type;              ///< the object type, e.g. "endpoint"
  config::SourceLocation where;  ///< where its section starts (file:0 for dynamic objects)

  virtual ~Object() = default;
};

}  // namespace sb::store
