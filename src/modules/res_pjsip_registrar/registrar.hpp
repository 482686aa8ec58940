#pragma once
/// @file
/// REGISTER handling (RFC 3261 10.3, RFC 3327 Path, RFC 5626 instances): finds the AOR the
/// identified, authenticated endpoint registers to, applies the binding decision to the
/// location service, and answers 200 OK with every current binding once the change is
/// durable.

#include <memory>

#include "core/store/object_store.hpp"
#include "modules/res_pjsip/location/location_service.hpp"
#include "sip/core/request_pipeline.hpp"

namespace sb::modules::res_pjsip_registrar {

class Registrar : public std::enable_shared_from_this<Registrar> {
 public:
  Registrar(const store::ObjectStore& store, res_pjsip::LocationService& location)
      : store_(store), location_(location) {}

  /// The Handle-stage handler for REGISTER.
  sip::Verdict handle(sip::IncomingRequest& request);

 private:
  const store::ObjectStore& store_;
  res_pjsip::LocationService& location_;
};

}  // namespace sb::modules::res_pjsip_registrar
