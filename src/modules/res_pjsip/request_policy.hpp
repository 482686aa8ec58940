#pragma once
/// @file
/// The policy res_pjsip puts on every incoming request, as pipeline stages:
///   Filter:       global `type=acl` objects (source and Contact addresses), then 404 for
///                 out-of-dialog requests to host names not served (ServedDomains)
///   Identify:     endpoint identification, then the endpoint's own ACLs
///   Authenticate: digest authentication (DigestAuthenticator)
/// Later modules (registrar, calls, subscriptions) find the endpoint's id in the request's
/// "endpoint" attribute.

#include <memory>

#include "core/store/object_store.hpp"
#include "core/util/registration.hpp"
#include "modules/res_pjsip/endpoint_identifier.hpp"
#include "sip/core/request_pipeline.hpp"

namespace sb::modules::res_pjsip {

class HostAddressBook;

/// Adds the stages to `pipeline`; the registrations remove them. `store` and `pipeline` must
/// outlive the registrations.
/// `hosts` resolves host names of identify objects; `lines` maps an outbound registration's
/// `;line=` token to its endpoint.
Registrations addRequestPolicy(sip::RequestPipeline& pipeline, const store::ObjectStore& store,
                               std::shared_ptr<HostAddressBook> hosts,
                               EndpointIdentifier::LineLookup lines = {});

}  // namespace sb::modules::res_pjsip
