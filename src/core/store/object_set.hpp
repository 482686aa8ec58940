#pragma once
/// @file
/// An immutable snapshot of every configured object, by type and id. A reload builds a new
/// set and swaps it in whole; holders of the old set keep a consistent view.

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/store/object.hpp"

namespace sb::store {

class ObjectSet {
 public:
  using ById = std::map<std::string, std::shared_ptr<const Object>, std::less<>>;

  /// The object `id` of `type`, or nullptr.
  std::shared_ptr<const Object> find(std::string_view type, std::string_view id) const;

  /// Typed lookup: `set.get<Endpoint>("endpoint", "6001")`.
  template <class T>
  std::shared_ptr<const T> get(std::string_view type, std::string_view id) const {
    return std::static_pointer_cast<const T>(find(type, id));
  }

  /// Every object of `type`, sorted by id (empty map if none).
  const ById& all(std::string_view type) const;

  std::size_t count(std::string_view type) const { return all(type).size(); }
  std::size_t size() const;
  std::vector<std::string> types() const;

  /// Building (only before the set is shared).
  /// Adds an object; false if one with the same type and id exists.
  bool add(std::shared_ptr<const Object> object);
  /// Replaces every object of `type` with those of `other`.
  void replaceType(std::string_view type, const ObjectSet& other);

 private:
  struct Objects {
    ById sorted;
    /// The same objects hashed by id, for the lookups on every request's path (a sorted map
    /// compares whole ids at each level). Keys view the ids of the objects held beside them,
    /// so a copy of the table stays valid.
    std::unordered_map<std::string_view, std::shared_ptr<const Object>> byId;
  };
  struct TypeHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view type) const {
      return std::hash<std::string_view>{}(type);
    }
  };
  std::unordered_map<std::string, Objects, TypeHash, std::equal_to<>> byType_;
};

}  // namespace sb::store
