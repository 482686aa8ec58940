#include "core/store/object_set.hpp"

#include <algorithm>

namespace sb::store {

std::shared_ptr<const Object> ObjectSet::find(std::string_view type, std::string_view id) const {
  auto objects = byType_.find(type);
  if (objects == byType_.end()) {
    return nullptr;
  }
  auto found = objects->second.byId.find(id);
  return found == objects->second.byId.end() ? nullptr : found->second;
}

const ObjectSet::ById& ObjectSet::all(std::string_view type) const {
  static const ById kEmpty;
  auto found = byType_.find(type);
  return found == byType_.end() ? kEmpty : found->second.sorted;
}

std::size_t ObjectSet::size() const {
  std::size_t total = 0;
  for (const auto& [type, objects] : byType_) {
    total += objects.sorted.size();
  }
  return total;
}

std::vector<std::string> ObjectSet::types() const {
  std::vector<std::string> out;
  for (const auto& [type, objects] : byType_) {
    out.push_back(type);
  }
  std::sort(out.begin(), out.end());
  return out;
}

bool ObjectSet::add(std::shared_ptr<const Object> object) {
  auto& objects = byType_[object->type];
  if (!objects.sorted.emplace(object->id, object).second) {
    return false;
  }
  const std::string_view id = object->id;
  objects.byId.emplace(id, std::move(object));
  return true;
}

void ObjectSet::replaceType(std::string_view type, const ObjectSet& other) {
  auto found = byType_.find(type);
  if (found != byType_.end()) {
    byType_.erase(found);
  }
  auto replacement = other.byType_.find(type);
  if (replacement != other.byType_.end() && !replacement->second.sorted.empty()) {
    byType_.emplace(std::string(type), replacement->second);
  }
}

}  // namespace sb::store
