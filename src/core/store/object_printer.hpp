#pragma once
/// @file
/// Prints an object's options the way Asterisk's `pjsip show <type> <id>` does, from the
/// type's option table.

#include <string>

#include "core/store/object_type.hpp"

namespace sb::store {

/// " ParameterName : ParameterValue" table of every option, names padded to the longest.
std::string formatObjectDetail(const ObjectTypeBase& type, const Object& object);

}  // namespace sb::store
