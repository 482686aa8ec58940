#include "core/store/object_set.hpp"

namespace sb::store {

std::shared_ptr<const Object> ObjectSet::find(std::string_view type, std::string_view id) const {
  const auto& objects = all(type);
  auto found = objects.find(id);
  return found == objects.end() ? nullptr : found->second;
}

const ObjectSet::ById& ObjectSet::all(std::string_view type) const {
  static const ById kEmpty;
  auto found = byType_.find(type);
  return found == byType_.end() ? kEmpty : found->second;
}

std::size_t ObjectSet::size() const {
  std::size_t total = 0;
  for (const auto& [type, objects] : byType_) {
    total += objects.size();
  }
  return total;
}

std::vector<std::string> ObjectSet::types() const {
  std::vector<std::string> out;
  for (const auto& [type, objects] : byType_) {
    out.push_back(type);
  }
  return out;
}

bool ObjectSet::add(std::shared_ptr<const Object> object) {
  auto& objects = byType_[object->type];
  return objects.emplace(object->id, std::move(object)).second;
}

void ObjectSet::replaceType(std::string_view type, const ObjectSet& other) {
  auto found = byType_.find(type);
  if (found != byType_.end()) {
    byType_.erase(found);
  }
  const auto& replacement = other.all(type);
  if (!replacement.empty()) {
    byType_.emplace(std::string(type), replacement);
  }
}

}  // namespace sb::store
