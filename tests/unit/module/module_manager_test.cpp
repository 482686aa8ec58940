#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "core/cli/command_registry.hpp"
#include "core/module/module_manager.hpp"
#include "core/reactor/activity.hpp"
#include "core/reactor/reactor.hpp"
#include "core/reactor/worker_pool.hpp"
#include "core/util/paths.hpp"
#include "store/store_test_support.hpp"

namespace sb {
namespace {

class ModuleManagerTest : public ::testing::Test {
 protected:
  ModuleManagerTest() {
    dir_ = std::filesystem::temp_directory_path() /
           ("sb-modules-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_);
    paths_.etc = dir_;
    base_.name = "res_base";
    base_.description = "Base";
    base_.objectTypes = [] {
      return std::vector<std::shared_ptr<const store::ObjectTypeBase>>{
          store::testing::widgetType()};
    };
    base_.load = [this](ModuleContext& context) -> Result<Registrations> {
      ++loads_;
      Registrations out;
      out += context.commands.add(
          {"base hello", "Say hello", "",
           [](const cli::Arguments&, cli::ReplyPtr reply) { reply->write("hello\n"); }});
      return out;
    };
    feature_.name = "res_feature";
    feature_.description = "Feature";
    feature_.dependencies = {"res_base"};
    testOnly_.name = "test_only";
    testOnly_.autoload = false;
    testOnly_.support = SupportLevel::Test;
    broken_.name = "res_broken";
    broken_.dependencies = {"res_missing"};
  }
  ~ModuleManagerTest() override { std::filesystem::remove_all(dir_); }

  void write(const std::string& name, const std::string& text) {
    std::ofstream(dir_ / name) << text;
  }

  config::ConfigFile parse(const std::string& text) {
    return config::parseConfigText("modules.conf", text, {}).file;
  }

  std::string run(const std::string& line) {
    std::string output;
    commands_.execute(line, std::make_shared<cli::BufferedReply>(
                                [&](cli::Status, std::string text) { output = text; }));
    return output;
  }

  std::vector<std::string> names(const ModuleManager::Plan& plan) {
    std::vector<std::string> out;
    for (const auto* module : plan.modules) {
      out.push_back(module->name);
    }
    return out;
  }

  std::filesystem::path dir_;
  Paths paths_;
  core::Reactor reactor_;
  core::WorkerPool workers_{1};
  cli::CommandRegistry commands_;
  store::ObjectStore objects_;
  core::ActivityTracker activity_;
  ServiceRegistry services_;
  events::EventBus events_;
  ModuleContext context_{reactor_,  workers_, commands_, objects_,
                         activity_, paths_,   services_, events_};
  ModuleDescriptor base_, feature_, testOnly_, broken_;
  int loads_ = 0;
};

TEST_F(ModuleManagerTest, PlanFollowsModulesConfAndDependencies) {
  ModuleManager manager(context_, {&feature_, &base_, &testOnly_});
  auto all = manager.plan(nullptr);
  EXPECT_EQ(names(all), (std::vector<std::string>{"res_base", "res_feature"}));

  auto file = parse("[modules]\nautoload=yes\nload => test_only.so\nnoload => chan_sip.so\n");
  auto plan = manager.plan(&file);
  EXPECT_EQ(names(plan), (std::vector<std::string>{"res_base", "res_feature", "test_only"}));
  EXPECT_TRUE(plan.diagnostics.empty());
  ASSERT_EQ(plan.notices.size(), 1u);
  EXPECT_EQ(plan.notices[0].where.str(), "modules.conf:4");
  EXPECT_EQ(plan.notices[0].message, "module 'chan_sip.so' is not part of Switchboard; ignored");

  auto noBase = parse("[modules]\nautoload=yes\nnoload => res_base.so\n");
  auto reduced = manager.plan(&noBase);
  EXPECT_TRUE(names(reduced).empty());  // res_feature needs res_base

  auto explicitOnly = parse("[modules]\nautoload=no\nload => res_base.so\n");
  EXPECT_EQ(names(manager.plan(&explicitOnly)), (std::vector<std::string>{"res_base"}));
}

TEST_F(ModuleManagerTest, MissingDependencyDropsTheModuleWithAReason) {
  ModuleManager manager(context_, {&broken_});
  auto plan = manager.plan(nullptr);
  EXPECT_TRUE(plan.modules.empty());
  ASSERT_EQ(plan.diagnostics.size(), 1u);
  EXPECT_NE(plan.diagnostics[0].message.find("requires 'res_missing'"), std::string::npos);
}

TEST_F(ModuleManagerTest, StartUpLoadsObjectsThenModulesAndUnloadUndoesEverything) {
  write("widgets.conf", "[w1]\ntype=widget\nsize=2\n");
  ModuleManager manager(context_, {&base_, &feature_});
  auto diagnostics = manager.startUp(manager.plan(nullptr).modules);
  EXPECT_TRUE(diagnostics.empty());
  EXPECT_EQ(loads_, 1);
  EXPECT_TRUE(manager.isLoaded("res_base.so"));
  EXPECT_EQ(run("base hello"), "hello\n");
  EXPECT_EQ(objects_.current()->get<store::testing::Widget>("widget", "w1")->size, 2u);

  auto refused = manager.unload("res_base");
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().message, "Unable to unload resource res_base: in use by res_feature");

  EXPECT_TRUE(manager.unload("res_feature.so"));
  EXPECT_TRUE(manager.unload("res_base"));
  EXPECT_NE(run("base hello").find("No such command"), std::string::npos);
  EXPECT_EQ(objects_.current()->count("widget"), 0u);
  EXPECT_FALSE(objects_.findType("widget"));
}

TEST_F(ModuleManagerTest, ReloadAppliesOnlyWhenEverythingIsValid) {
  write("widgets.conf", "[w1]\ntype=widget\nsize=2\n");
  ModuleManager manager(context_, {&base_});
  (void)manager.startUp(manager.plan(nullptr).modules);

  write("widgets.conf", "[w1]\ntype=widget\nsize=200\n");
  bool firstOk = true;
  std::vector<std::string> firstMessages;
  bool secondOk = false;
  reactor_.post([&] {
    manager.reload("res_base", [&](bool ok, std::vector<std::string> messages) {
      firstOk = ok;
      firstMessages = messages;
      write("widgets.conf", "[w1]\ntype=widget\nsize=4\n");
      manager.reload("", [&](bool ok2, std::vector<std::string>) {
        secondOk = ok2;
        reactor_.stop();
      });
    });
  });
  std::shared_ptr<const store::ObjectSet> afterFailure;
  reactor_.run();
  EXPECT_FALSE(firstOk);
  ASSERT_EQ(firstMessages.size(), 1u);
  EXPECT_EQ(firstMessages[0].rfind("widgets.conf:3: error: invalid value '200'", 0), 0u);
  EXPECT_TRUE(secondOk);
  EXPECT_EQ(objects_.current()->get<store::testing::Widget>("widget", "w1")->size, 4u);
}

TEST_F(ModuleManagerTest, EveryReloadPublishesAsterisksReloadEvent) {
  write("widgets.conf", "[w1]\ntype=widget\nsize=2\n");
  ModuleManager manager(context_, {&base_, &testOnly_});
  (void)manager.startUp(manager.plan(nullptr).modules);
  std::vector<events::Fields> seen;
  auto subscription = events_.subscribe([&](const std::shared_ptr<const events::Event>& event) {
    EXPECT_EQ(event->name, "Reload");
    EXPECT_EQ(event->classes, events::kSystem);
    seen.push_back(event->fields);
  });
  reactor_.post([&] {
    manager.reload("res_base.so", [&](bool, std::vector<std::string>) {
      manager.reload("no_such_module", [&](bool, std::vector<std::string>) {
        manager.reload("test_only", [&](bool, std::vector<std::string>) {
          write("widgets.conf", "[w1]\ntype=widget\nsize=200\n");
          manager.reload("", [&](bool, std::vector<std::string>) { reactor_.stop(); });
        });
      });
    });
  });
  reactor_.run();
  EXPECT_EQ(seen, (std::vector<events::Fields>{
                      {{"Module", "res_base.so"}, {"Status", "0"}},
                      {{"Module", "no_such_module"}, {"Status", "2"}},
                      {{"Module", "test_only"}, {"Status", "5"}},
                      {{"Module", "All"}, {"Status", "3"}},
                  }));
}

}  // namespace
}  // namespace sb
