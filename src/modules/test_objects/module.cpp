// test_objects: a module for the test suite: one object type and its show commands.
#include <fmt/format.h>

#include "core/cli/command_registry.hpp"
#include "core/module/module.hpp"
#include "core/store/object_printer.hpp"
#include "core/store/object_store.hpp"
#include "modules/test_objects/test_object.hpp"

namespace sb::modules::test_objects {
namespace {

Result<Registrations> load(ModuleContext& context) {
  Registrations out;
  auto& store = context.objects;
  out += context.commands.add({"test show objects", "List the test objects", "",
                               [&store](const cli::Arguments&, cli::ReplyPtr reply) {
                                 const auto set = store.current();
                                 const auto& objects = set->all("test_object");
                                 if (objects.empty()) {
                                   reply->write("No objects found.\n");
                                   return;
                                 }
                                 for (const auto& [id, object] : objects) {
                                   const auto& typed = static_cast<const TestObject&>(*object);
                                   reply->write(
                                       fmt::format(" TestObject:  {:<20} {}\n", id, typed.label));
                                 }
                                 reply->write(fmt::format("\nObjects found: {}\n", objects.size()));
                               }});
  out += context.commands.add({"test show object <id>",
                               "Show one test object",
                               "",
                               [&store](const cli::Arguments& args, cli::ReplyPtr reply) {
                                 const auto id = *args.get("id");
                                 const auto object = store.current()->find("test_object", id);
                                 const auto type = store.findType("test_object");
                                 if (!object || !type) {
                                   reply->write(fmt::format("Unable to find object {}.\n", id));
                                   reply->finish(cli::Status::Failure);
                                   return;
                                 }
                                 reply->write(store::formatObjectDetail(*type, *object));
                               },
                               {{"id", [&store](const cli::Arguments&) {
                                   std::vector<std::string> ids;
                                   for (const auto& [id, object] :
                                        store.current()->all("test_object")) {
                                     ids.push_back(id);
                                   }
                                   return ids;
                                 }}}});
  return out;
}

}  // namespace

const ModuleDescriptor& descriptor() {
  static const ModuleDescriptor module{
      .name = "test_objects",
      .description = "Test object type for the test suite",
      .dependencies = {},
      .support = SupportLevel::Test,
      .autoload = false,
      .objectTypes =
          [] {
            return std::vector<std::shared_ptr<const store::ObjectTypeBase>>{testObjectType()};
          },
      .load = load,
  };
  return module;
}

}  // namespace sb::modules::test_objects
