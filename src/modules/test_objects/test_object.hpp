#pragma once
/// @file
/// `test_object`: an object type that exercises every kind of option row. It exists for the
/// test suite and the start-up benchmark; the module is not loaded unless modules.conf asks.

#include <memory>
#include <string>
#include <vector>

#include "core/store/object_type.hpp"

namespace sb::modules::test_objects {

enum class Colour { Red, Green, Blue };

struct TestObject : store::Object {
  std::string label;
  unsigned count = 0;
  int offset = 0;
  bool enabled = false;
  Colour colour = Colour::Red;
  std::vector<std::string> tags;
  std::string secret;
  unsigned minimum = 0;
  unsigned maximum = 0;
};

/// The type with its option table.
std::shared_ptr<const store::ObjectTypeBase> testObjectType();

}  // namespace sb::modules::test_objects
