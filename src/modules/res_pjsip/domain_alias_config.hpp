#pragma once
/// @file
/// `type=domain_alias` in pjsip.conf: the section name is an alias of `domain`.

#include <memory>
#include <string>

#include "core/store/object_type.hpp"

namespace sb::modules::res_pjsip {

struct DomainAliasConfig : store::Object {
  std::string domain;  ///< the domain the alias (the object's id) stands for
};

/// The `domain_alias` object type (pjsip.conf type=domain_alias).
std::shared_ptr<const store::ObjectTypeBase> domainAliasType();

}  // namespace sb::modules::res_pjsip
