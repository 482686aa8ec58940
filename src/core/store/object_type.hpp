#pragma once
/// @file
/// An object type: its name, where its objects live by default, and its option table.

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/config/config_file.hpp"
#include "core/store/object.hpp"
#include "core/store/option.hpp"
#include "core/store/option_parsers.hpp"

namespace sb::store {

/// Where a type's objects come from unless sorcery.conf says otherwise, in sorcery.conf's
/// own words: wizard "config", data "pjsip.conf,criteria=type=endpoint".
struct Binding {
  std::string wizard = "config";
  std::string data;
};

/// What a type reports while building objects.
using Diagnostics = std::vector<config::Diagnostic>;

/// Type-erased view of an object type, used by the store, `show` commands and the reference.
class ObjectTypeBase {
 public:
  virtual ~ObjectTypeBase() = default;

  const std::string& name() const { return name_; }
  /// The sorcery.conf section that may rebind it, e.g. "res_pjsip".
  const std::string& sorcerySection() const { return sorcerySection_; }
  const std::string& description() const { return description_; }
  const Binding& defaultBinding() const { return binding_; }

  virtual std::vector<OptionInfo> options() const = 0;

  /// Builds an object from a section's variables (skipping `skipKey`, the criteria key
  /// such as "type"). Appends diagnostics; returns nullptr when any error was found.
  virtual std::shared_ptr<const Object> build(const std::string& id, const config::Section& section,
                                              std::string_view skipKey, Diagnostics& out) const = 0;

  /// Option name/value pairs in table order, as `show` prints them (hidden and unlisted
  /// options left out). Sensitive values are masked unless `reveal`.
  virtual std::vector<std::pair<std::string, std::string>> describe(const Object& object,
                                                                    bool reveal = false) const = 0;

 protected:
  ObjectTypeBase(std::string name, std::string sorcerySection, std::string description,
                 Binding binding)
      : name_(std::move(name)),
        sorcerySection_(std::move(sorcerySection)),
        description_(std::move(description)),
        binding_(std::move(binding)) {}

 private:
  std::string name_;
  std::string sorcerySection_;
  std::string description_;
  Binding binding_;
};

/// An object type whose objects are `T` (derived from Object) described by `options`.
/// `validate` checks the object as a whole after every option applied (may be empty).
template <class T>
class ObjectType : public ObjectTypeBase {
 public:
  using Validator = std::function<Result<void>(const T&)>;

  ObjectType(std::string name, std::string sorcerySection, std::string description, Binding binding,
             std::vector<Option<T>> options, Validator validate = {})
      : ObjectTypeBase(std::move(name), std::move(sorcerySection), std::move(description),
                       std::move(binding)),
        options_(std::move(options)),
        validate_(std::move(validate)) {
    for (std::size_t i = 0; i < options_.size(); ++i) {
      index_.emplace(lowered(options_[i].info.name), i);
      for (const auto& alias : options_[i].info.aliases) {
        index_.emplace(lowered(alias), i);
      }
    }
  }

  std::vector<OptionInfo> options() const override {
    std::vector<OptionInfo> out;
    out.reserve(options_.size());
    for (const auto& option : options_) {
      out.push_back(option.info);
    }
    return out;
  }

  std::shared_ptr<const Object> build(const std::string& id, const config::Section& section,
                                      std::string_view skipKey, Diagnostics& out) const override {
    auto object = std::make_shared<T>();
    object->id = id;
    object->type = name();
    object->where = section.where;
    for (const auto& option : options_) {
      if (!option.info.defaultValue.empty()) {
        [[maybe_unused]] auto applied = option.apply(*object, option.info.defaultValue);
      }
    }
    std::vector<bool> written(options_.size(), false);
    bool failed = false;
    for (const auto& variable : section.variables) {
      if (!skipKey.empty() && equalsIgnoreCase(variable.name, skipKey)) {
        continue;
      }
      auto found = index_.find(lowered(variable.name));
      const bool named = found == index_.end() && variable.name.find('(') != std::string::npos;
      if (named) {
        // "option(parameters)": an option that takes parameters in its name.
        found = index_.find(lowered(variable.name.substr(0, variable.name.find('('))));
        if (found != index_.end() && !options_[found->second].applyNamed) {
          found = index_.end();
        }
      }
      if (found == index_.end()) {
        out.push_back({config::Diagnostic::Severity::Error, variable.where,
                       "unknown option '" + variable.name + "' for " + name() + " '" + id + "'"});
        failed = true;
        continue;
      }
      const auto& option = options_[found->second];
      if ((option.info.flags & kMulti) && !written[found->second] && option.reset) {
        option.reset(*object);
      }
      written[found->second] = true;
      auto applied = named ? option.applyNamed(*object, variable.name, variable.value)
                           : option.apply(*object, variable.value);
      if (!applied) {
        out.push_back({config::Diagnostic::Severity::Error, variable.where,
                       "invalid value '" + variable.value + "' for option '" + variable.name +
                           "' of " + name() + " '" + id + "': " + applied.error().message});
        failed = true;
      }
    }
    if (!failed && validate_) {
      if (auto valid = validate_(*object); !valid) {
        out.push_back({config::Diagnostic::Severity::Error, section.where,
                       name() + " '" + id + "': " + valid.error().message});
        failed = true;
      }
    }
    if (failed) {
      return nullptr;
    }
    return object;
  }

  std::vector<std::pair<std::string, std::string>> describe(const Object& object,
                                                            bool reveal) const override {
    const auto& typed = static_cast<const T&>(object);
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto& option : options_) {
      if (option.info.flags & (kHidden | kUnlisted)) {
        continue;
      }
      std::string value = option.print(typed);
      if ((option.info.flags & kSensitive) && !reveal && !value.empty()) {
        value = "<sensitive>";
      }
      out.emplace_back(option.info.name, std::move(value));
    }
    return out;
  }

 private:
  static std::string lowered(std::string_view text) { return store::lowered(text); }

  std::vector<Option<T>> options_;
  Validator validate_;
  std::map<std::string, std::size_t> index_;
};

}  // namespace sb::store
