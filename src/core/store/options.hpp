#pragma once
/// @file
/// Builders for option table rows bound to a member of the object's struct:
///
///   opt::string(&Endpoint::context, "context", "default", "Dialplan context for calls"),
///   opt::uint(&Aor::maxContacts, "max_contacts", "0", "Maximum contacts", 0, 65535),
///   opt::boolean(&Aor::removeExisting, "remove_existing", "no", "Replace old contacts"),
///   opt::enumeration(&Transport::protocol, "protocol", "udp", "Protocol",
///                    {{"udp", Proto::Udp}, {"tcp", Proto::Tcp}}),
///   opt::list(&Endpoint::allow, "allow", "", "Codecs to allow"),

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "core/store/option.hpp"
#include "core/store/option_parsers.hpp"

namespace sb::store::opt {

template <class T>
Option<T> string(std::string T::*member, std::string name, std::string defaultValue,
                 std::string doc) {
  Option<T> o;
  o.info = {std::move(name), {}, "string", std::move(defaultValue), std::move(doc), kNone};
  o.apply = [member](T& object, std::string_view value) -> Result<void> {
    object.*member = std::string(trimmed(value));
    return {};
  };
  o.print = [member](const T& object) { return object.*member; };
  return o;
}

template <class T, class Int>
Option<T> uint(Int T::*member, std::string name, std::string defaultValue, std::string doc,
               std::uint64_t min = 0, std::uint64_t max = UINT32_MAX) {
  Option<T> o;
  o.info = {std::move(name), {}, "unsigned", std::move(defaultValue), std::move(doc), kNone};
  o.apply = [member, min, max](T& object, std::string_view value) -> Result<void> {
    auto parsed = parseUnsigned(value, min, max);
    if (!parsed) {
      return parsed.error();
    }
    object.*member = static_cast<Int>(*parsed);
    return {};
  };
  o.print = [member](const T& object) { return std::to_string(object.*member); };
  return o;
}

template <class T, class Int>
Option<T> integer(Int T::*member, std::string name, std::string defaultValue, std::string doc,
                  std::int64_t min, std::int64_t max) {
  Option<T> o;
  o.info = {std::move(name), {}, "integer", std::move(defaultValue), std::move(doc), kNone};
  o.apply = [member, min, max](T& object, std::string_view value) -> Result<void> {
    auto parsed = parseSigned(value, min, max);
    if (!parsed) {
      return parsed.error();
    }
    object.*member = static_cast<Int>(*parsed);
    return {};
  };
  o.print = [member](const T& object) { return std::to_string(object.*member); };
  return o;
}

template <class T>
Option<T> boolean(bool T::*member, std::string name, std::string defaultValue, std::string doc) {
  Option<T> o;
  o.info = {std::move(name), {}, "boolean", std::move(defaultValue), std::move(doc), kNone};
  o.apply = [member](T& object, std::string_view value) -> Result<void> {
    auto parsed = parseBoolean(value);
    if (!parsed) {
      return Error{"not a boolean (use yes or no)"};
    }
    object.*member = *parsed;
    return {};
  };
  o.print = [member](const T& object) { return std::string(object.*member ? "true" : "false"); };
  return o;
}

template <class T, class E>
Option<T> enumeration(E T::*member, std::string name, std::string defaultValue, std::string doc,
                      std::vector<std::pair<std::string, E>> choices) {
  std::string typeName = "enum:";
  for (const auto& [word, value] : choices) {
    typeName += (typeName.back() == ':' ? " " : " | ") + word;
  }
  Option<T> o;
  o.info = {std::move(name), {},   std::move(typeName), std::move(defaultValue),
            std::move(doc),  kNone};
  o.apply = [member, choices](T& object, std::string_view value) -> Result<void> {
    for (const auto& [word, choice] : choices) {
      if (equalsIgnoreCase(trimmed(value), word)) {
        object.*member = choice;
        return {};
      }
    }
    std::string expected;
    for (const auto& [word, choice] : choices) {
      expected += (expected.empty() ? "" : ", ") + word;
    }
    return Error{"expected one of " + expected};
  };
  o.print = [member, choices](const T& object) {
    for (const auto& [word, choice] : choices) {
      if (object.*member == choice) {
        return word;
      }
    }
    return std::string();
  };
  return o;
}

/// A comma-separated list that may also be repeated (`allow=ulaw` then `allow=alaw`).
template <class T>
Option<T> list(std::vector<std::string> T::*member, std::string name, std::string defaultValue,
               std::string doc) {
  Option<T> o;
  o.info = {std::move(name), {}, "list", std::move(defaultValue), std::move(doc), kMulti};
  o.apply = [member](T& object, std::string_view value) -> Result<void> {
    for (auto& item : splitList(value)) {
      (object.*member).push_back(std::move(item));
    }
    return {};
  };
  o.reset = [member](T& object) { (object.*member).clear(); };
  o.print = [member](const T& object) { return joinList(object.*member); };
  return o;
}

/// Any other shape: the caller supplies parse and print.
template <class T>
Option<T> custom(std::string name, std::string typeName, std::string defaultValue, std::string doc,
                 std::function<Result<void>(T&, std::string_view)> apply,
                 std::function<std::string(const T&)> print) {
  Option<T> o;
  o.info = {std::move(name), {},   std::move(typeName), std::move(defaultValue),
            std::move(doc),  kNone};
  o.apply = std::move(apply);
  o.print = std::move(print);
  return o;
}

}  // namespace sb::store::opt
