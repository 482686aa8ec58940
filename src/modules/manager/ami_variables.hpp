#pragma once
/// @file
/// The `Variable:` headers of an AMI action as Asterisk's astman_get_variables_order
/// (ORDER_NATURAL) reads them: every header, leading blanks skipped, split at commas like
/// application arguments (quotes and backslashes honoured) into `name=value` items; items
/// without `=` or with an empty name are skipped. Order is kept.

#include "modules/manager/ami_message.hpp"

namespace sb::modules::manager {

/// Every `name=value` item of the message's `Variable:` headers, in order.
AmiFields amiVariables(const AmiMessage& message);

}  // namespace sb::modules::manager
