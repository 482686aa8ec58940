#include "modules/test_objects/test_object.hpp"

#include "core/store/options.hpp"

namespace sb::modules::test_objects {

std::shared_ptr<const store::ObjectTypeBase> testObjectType() {
  namespace opt = store::opt;
  using T = TestObject;
  std::vector<store::Option<T>> options{
      opt::string(&T::label, "label", "unnamed", "A free-form label."),
      opt::uint(&T::count, "count", "1", "A count from 0 to 1000.", 0, 1000).alias("number"),
      opt::integer(&T::offset, "offset", "0", "A signed offset from -100 to 100.", -100, 100),
      opt::boolean(&T::enabled, "enabled", "no", "Whether the object is enabled."),
      opt::enumeration(&T::colour, "colour", "red", "A colour.",
                       {{"red", Colour::Red}, {"green", Colour::Green}, {"blue", Colour::Blue}}),
      opt::list(&T::tags, "tags", "", "Tags; a comma-separated list."),
      opt::string(&T::secret, "secret", "", "A secret value.").flag(store::kSensitive),
      opt::uint(&T::minimum, "minimum", "0", "Lower bound; must not exceed maximum."),
      opt::uint(&T::maximum, "maximum", "10", "Upper bound."),
  };
  return std::make_shared<store::ObjectType<T>>(
      "test_object", "test_objects", "An object type for the test suite and benchmarks.",
      store::Binding{"config", "test_objects.conf,criteria=type=test_object"}, std::move(options),
      [](const T& object) -> Result<void> {
        if (object.minimum > object.maximum) {
          return Error{"minimum (" + std::to_string(object.minimum) + ") exceeds maximum (" +
                       std::to_string(object.maximum) + ")"};
        }
        return {};
      });
}

}  // namespace sb::modules::test_objects
