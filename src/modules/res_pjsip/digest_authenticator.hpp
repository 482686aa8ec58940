#pragma once
/// @file
/// The pipeline's Authenticate stage for every request type: endpoints with `auth` are
/// challenged and verified against their auth objects (plain password, md5_cred or
/// password_digest; realm from the auth or global default_realm; algorithms from
/// supported_algorithms_uas or global default_auth_algorithms_uas). Requests nobody was
/// identified for get exactly the challenge a real user would get, and every answer to it
/// fails the same way a wrong password does, so scanners learn nothing about accounts.

#include <chrono>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>

#include "core/store/object_store.hpp"
#include "sip/auth/nonce_manager.hpp"
#include "sip/core/request_pipeline.hpp"

namespace sb::modules::res_pjsip {

class DigestAuthenticator {
 public:
  explicit DigestAuthenticator(const store::ObjectStore& store) : store_(store) {}

  /// The stage handler: Continue when the request may proceed, Done when it was answered.
  sip::Verdict authenticate(sip::IncomingRequest& request);

 private:
  sip::auth::NonceManager& noncesFor(unsigned lifetimeSeconds);
  /// Counts unidentified requests per source address as global unidentified_request_*
  /// describe; true when this one reaches the count within the period.
  bool countUnidentified(const sip::IncomingRequest& request, unsigned count, unsigned period,
                         unsigned pruneInterval);

  const store::ObjectStore& store_;
  std::map<unsigned, std::unique_ptr<sip::auth::NonceManager>> nonces_;
  struct Unidentified {
    unsigned count = 0;
    std::chrono::steady_clock::time_point first;
  };
  std::unordered_map<std::string, Unidentified> unidentified_;
  std::chrono::steady_clock::time_point lastPrune_ = std::chrono::steady_clock::now();
};

}  // namespace sb::modules::res_pjsip
