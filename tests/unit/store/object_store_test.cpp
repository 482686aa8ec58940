#include <gtest/gtest.h>

#include "core/store/object_printer.hpp"
#include "store/store_test_support.hpp"

namespace sb::store {
namespace {

using testing::request;
using testing::Widget;
using testing::widgetType;

std::vector<std::string> errors(const LoadResult& result) {
  std::vector<std::string> out;
  for (const auto& d : result.diagnostics) {
    if (d.severity == config::Diagnostic::Severity::Error) {
      out.push_back(d.str());
    }
  }
  return out;
}

TEST(ObjectStore, AppliesDefaultsThenWrittenValues) {
  auto result = ObjectStore::load(
      request({{"widgets.conf", "[a]\ntype=widget\nsize=7\n[b]\ntype=widget\n"}}, {widgetType()}));
  ASSERT_TRUE(result.ok());
  auto a = result.objects->get<Widget>("widget", "a");
  ASSERT_TRUE(a);
  EXPECT_EQ(a->size, 7u);
  EXPECT_EQ(a->name, "plain");
  EXPECT_EQ(a->where.str(), "widgets.conf:1");
  auto b = result.objects->get<Widget>("widget", "b");
  EXPECT_EQ(b->size, 3u);
  EXPECT_EQ(b->parts, std::vector<std::string>{"frame"});
}

TEST(ObjectStore, OptionNamesAreCaseInsensitiveAndAliasesWork) {
  auto result = ObjectStore::load(
      request({{"widgets.conf", "[a]\ntype=widget\nSHINY=yes\ndimension=4\n"}}, {widgetType()}));
  ASSERT_TRUE(result.ok());
  auto a = result.objects->get<Widget>("widget", "a");
  EXPECT_TRUE(a->shiny);
  EXPECT_EQ(a->size, 4u);
}

TEST(ObjectStore, RepeatedListOptionsReplaceTheDefaultAndAccumulate) {
  auto result = ObjectStore::load(request(
      {{"widgets.conf", "[a]\ntype=widget\nparts=wheel, axle\nparts=seat\n"}}, {widgetType()}));
  auto a = result.objects->get<Widget>("widget", "a");
  EXPECT_EQ(a->parts, (std::vector<std::string>{"wheel", "axle", "seat"}));
}

TEST(ObjectStore, UnknownOptionIsAnErrorAtItsLine) {
  auto result = ObjectStore::load(
      request({{"widgets.conf", "[a]\ntype=widget\n\ncolour=red\n"}}, {widgetType()}));
  EXPECT_FALSE(result.ok());
  ASSERT_EQ(errors(result).size(), 1u);
  EXPECT_EQ(errors(result)[0], "widgets.conf:4: error: unknown option 'colour' for widget 'a'");
  EXPECT_EQ(result.objects->count("widget"), 0u);
}

TEST(ObjectStore, BadValuesSayWhy) {
  auto result = ObjectStore::load(
      request({{"widgets.conf", "[a]\ntype=widget\nsize=11\n[b]\ntype=widget\nshiny=perhaps\n"}},
              {widgetType()}));
  auto list = errors(result);
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0],
            "widgets.conf:3: error: invalid value '11' for option 'size' of widget 'a': must be "
            "between 1 and 10");
  EXPECT_NE(list[1].find("widgets.conf:6: error: invalid value 'perhaps'"), std::string::npos);
}

TEST(ObjectStore, ObjectLevelValidationRunsAfterOptions) {
  auto result = ObjectStore::load(
      request({{"widgets.conf", "[a]\ntype=widget\nshiny=yes\nsize=9\n"}}, {widgetType()}));
  ASSERT_EQ(errors(result).size(), 1u);
  EXPECT_EQ(errors(result)[0], "widgets.conf:1: error: widget 'a': shiny widgets are at most 5");
}

TEST(ObjectStore, DuplicateObjectsAreReportedWithBothPlaces) {
  auto result = ObjectStore::load(
      request({{"widgets.conf", "[a]\ntype=widget\n[a]\ntype=widget\n"}}, {widgetType()}));
  ASSERT_EQ(errors(result).size(), 1u);
  EXPECT_EQ(errors(result)[0],
            "widgets.conf:3: error: duplicate widget 'a' (first defined at widgets.conf:1)");
  EXPECT_EQ(result.objects->count("widget"), 1u);
}

TEST(ObjectStore, SameNameWithDifferentTypesIsFine) {
  auto other = std::make_shared<ObjectType<Widget>>(
      "gadget", "res_widgets", "Gadgets.", Binding{"config", "widgets.conf,criteria=type=gadget"},
      std::vector<Option<Widget>>{opt::string(&Widget::name, "name", "", "Name.")});
  auto result = ObjectStore::load(request(
      {{"widgets.conf", "[a]\ntype=widget\n[a]\ntype=gadget\nname=g\n"}}, {widgetType(), other}));
  EXPECT_TRUE(result.ok());
  EXPECT_TRUE(result.objects->find("widget", "a"));
  EXPECT_TRUE(result.objects->find("gadget", "a"));
}

TEST(ObjectStore, SectionsOfUnknownTypesAreWarnedAboutNotFatal) {
  auto load = request(
      {{"widgets.conf", "[a]\ntype=widget\n[b]\ntype=wdiget\n[c]\nname=x\n[d]\ntype=phoneprov\n"}},
      {widgetType()});
  load.knownTypeNames = {"phoneprov"};
  auto result = ObjectStore::load(load);
  EXPECT_TRUE(result.ok());
  ASSERT_EQ(result.diagnostics.size(), 2u);
  EXPECT_EQ(result.diagnostics[0].str(),
            "widgets.conf:3: warning: section [b] has unknown type 'wdiget' and is ignored");
  EXPECT_EQ(result.diagnostics[1].str(),
            "widgets.conf:5: warning: section [c] has no type= and is ignored");
}

TEST(ObjectStore, TemplatesAreNeverObjects) {
  auto result = ObjectStore::load(
      request({{"widgets.conf", "[t](!)\ntype=widget\nsize=9\n[a](t)\n"}}, {widgetType()}));
  EXPECT_TRUE(result.ok());
  EXPECT_EQ(result.objects->count("widget"), 1u);
  EXPECT_EQ(result.objects->get<Widget>("widget", "a")->size, 9u);
}

TEST(ObjectStore, SorceryConfRebindsATypeToAnotherFile) {
  config::ParseResult sorcery = config::parseConfigText(
      "sorcery.conf", "[res_widgets]\nwidget = config,other.conf,criteria=type=widget\n", {});
  Diagnostics diagnostics;
  auto load =
      request({{"widgets.conf", "[a]\ntype=widget\n"}, {"other.conf", "[z]\ntype=widget\n"}},
              {widgetType()});
  load.overrides = parseSorceryConf(sorcery.file, diagnostics);
  EXPECT_TRUE(diagnostics.empty());
  auto result = ObjectStore::load(load);
  EXPECT_FALSE(result.objects->find("widget", "a"));
  EXPECT_TRUE(result.objects->find("widget", "z"));
}

TEST(ObjectStore, UnavailableWizardsAreLocatedErrors) {
  config::ParseResult sorcery = config::parseConfigText(
      "sorcery.conf", "[res_pjsip]\ncontact = astdb,registrar\nx = bogus,y\n", {});
  Diagnostics diagnostics;
  parseSorceryConf(sorcery.file, diagnostics);
  ASSERT_EQ(diagnostics.size(), 2u);
  EXPECT_EQ(diagnostics[0].str(),
            "sorcery.conf:2: error: sorcery wizard 'astdb' is not available in this build");
  EXPECT_EQ(diagnostics[1].str(), "sorcery.conf:3: error: unknown sorcery wizard 'bogus'");
}

TEST(ObjectStore, SingleObjectsTakeTheirExplicitName) {
  auto type = std::make_shared<ObjectType<Widget>>(
      "global", "res_widgets", "Global.",
      Binding{"config", "widgets.conf,criteria=type=global,single_object=yes,explicit_name=global"},
      std::vector<Option<Widget>>{opt::string(&Widget::name, "name", "", "Name.")});
  auto result =
      ObjectStore::load(request({{"widgets.conf", "[anything]\ntype=global\nname=g\n"}}, {type}));
  EXPECT_TRUE(result.ok());
  EXPECT_TRUE(result.objects->find("global", "global"));
}

TEST(ObjectStore, ExcludedSectionsAreLeftOut) {
  auto type = std::make_shared<ObjectType<Widget>>(
      "user", "res_widgets", "Users.", Binding{"config", "widgets.conf,exclude_section=general"},
      std::vector<Option<Widget>>{opt::string(&Widget::name, "name", "", "Name.")});
  auto result = ObjectStore::load(
      request({{"widgets.conf", "[general]\nname=g\n[alice]\nname=a\n[bob]\nname=b\n"}}, {type}));
  EXPECT_TRUE(result.ok());
  EXPECT_FALSE(result.objects->find("user", "general"));
  EXPECT_TRUE(result.objects->find("user", "alice"));
  EXPECT_TRUE(result.objects->find("user", "bob"));
}

TEST(ObjectStore, InstallSwapsSnapshotsAndOldHoldersKeepTheirs) {
  ObjectStore store;
  auto registration = store.registerType(widgetType());
  EXPECT_THROW((void)store.registerType(widgetType()), std::invalid_argument);
  auto first =
      ObjectStore::load(request({{"widgets.conf", "[a]\ntype=widget\nsize=1\n"}}, store.types()));
  store.install(first.objects);
  auto held = store.current();
  int notified = 0;
  auto observer = store.observe([&](const ObjectSet& before, const ObjectSet& after) {
    ++notified;
    EXPECT_EQ(before.get<Widget>("widget", "a")->size, 1u);
    EXPECT_EQ(after.get<Widget>("widget", "a")->size, 2u);
  });
  auto second =
      ObjectStore::load(request({{"widgets.conf", "[a]\ntype=widget\nsize=2\n"}}, store.types()));
  store.install(store.merged(*second.objects, store.types()));
  EXPECT_EQ(notified, 1);
  EXPECT_EQ(held->get<Widget>("widget", "a")->size, 1u);
  EXPECT_EQ(store.current()->get<Widget>("widget", "a")->size, 2u);
  registration.reset();
  EXPECT_FALSE(store.findType("widget"));
}

TEST(ObjectPrinter, PrintsEveryOptionAndMasksSecrets) {
  auto result = ObjectStore::load(
      request({{"widgets.conf", "[a]\ntype=widget\npassword=xyzzy\n"}}, {widgetType()}));
  auto type = widgetType();
  const std::string text = formatObjectDetail(*type, *result.objects->find("widget", "a"));
  EXPECT_NE(text.find(" ParameterName : ParameterValue\n"), std::string::npos);
  EXPECT_NE(text.find(" size          : 3\n"), std::string::npos);
  EXPECT_NE(text.find(" shiny         : false\n"), std::string::npos);
  EXPECT_NE(text.find(" password      : <sensitive>\n"), std::string::npos);
  EXPECT_EQ(text.find("xyzzy"), std::string::npos);
}

TEST(OptionParsers, FollowAsteriskSpelling) {
  for (auto yes : {"yes", "TRUE", "y", "t", "1", "on"}) {
    EXPECT_EQ(parseBoolean(yes), true) << yes;
  }
  for (auto no : {"no", "False", "n", "f", "0", "off"}) {
    EXPECT_EQ(parseBoolean(no), false) << no;
  }
  EXPECT_FALSE(parseBoolean("maybe"));
  EXPECT_FALSE(parseUnsigned("-1", 0, 10));
  EXPECT_FALSE(parseUnsigned("99999999999999999999999", 0, UINT64_MAX));
  EXPECT_EQ(*parseSigned(" -5 ", -10, 10), -5);
  EXPECT_EQ(splitList(" a, ,b ,c"), (std::vector<std::string>{"a", "b", "c"}));
}

}  // namespace
}  // namespace sb::store
