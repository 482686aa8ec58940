#pragma once
/// @file
/// Lookups over the sections being built, so that parents, append targets and `+=` are found
/// without rescanning the file. Indexes that only some files need are built on first use.

#include <cstddef>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/config/config_file.hpp"

namespace sb::config::detail {

/// `key=value` conditions of `[name](+key=value)`.
using Filters = std::vector<std::pair<std::string, std::string>>;

class SectionIndex {
 public:
  /// `sections` is the list being built; it must outlive the index.
  explicit SectionIndex(const std::vector<Section>& sections);

  /// Call after a section was pushed onto the list.
  void sectionAdded(std::size_t section);
  /// Call after a variable was pushed onto a section.
  void variableStored(std::size_t section, std::size_t variable);
  /// Call after `+=` changed a variable's value.
  void valueChanged(std::size_t section, std::size_t variable);

  /// The most recent section called `name` (ignoring case).
  std::optional<std::size_t> latest(std::string_view name) const;
  /// The most recent section called `name` that has every `key=value` of `filters`.
  std::optional<std::size_t> latestMatching(std::string_view name, const Filters& filters);
  /// Index of the last variable of `section` named exactly `name`, for `+=`.
  std::optional<std::size_t> lastVariable(std::size_t section, const std::string& name);

 private:
  using ValueKey = std::string;
  static ValueKey valueKey(std::string_view section, std::string_view name, std::string_view value);
  bool matches(const Section& section, const Filters& filters) const;
  void indexValue(std::size_t section, std::size_t variable);

  const std::vector<Section>& sections_;
  /// Lower-cased section name -> indexes of the sections so named, in file order.
  std::unordered_map<std::string, std::vector<std::size_t>> byName_;
  /// Per section, built on its first `+=`: exact variable name -> index of its last occurrence.
  std::vector<std::unique_ptr<std::unordered_map<std::string, std::size_t>>> lastByName_;
  /// Built on the first filtered append: (section, key, value) -> sections holding it. May list
  /// sections whose value has since changed; candidates are checked before use.
  std::unique_ptr<std::unordered_map<ValueKey, std::set<std::size_t>>> byValue_;
  /// Variables changed by `+=` since byValue_ was last brought up to date. Re-indexing them
  /// lazily keeps a long run of `+=` on one value linear.
  std::set<std::pair<std::size_t, std::size_t>> changed_;
};

}  // namespace sb::config::detail
