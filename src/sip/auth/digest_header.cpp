#include "sip/auth/digest_header.hpp"

#include <algorithm>

#include "sip/auth/text.hpp"

namespace sb::sip::auth {

namespace {

Result<std::vector<AuthParam>, ParseError> parseDigestParams(std::string_view headerValue) {
  auto rest = stripDigestScheme(headerValue);
  if (!rest) {
    return rest.error();
  }
  return parseAuthParams(*rest);
}

/// Splits qop="auth, auth-int" into lower-cased tokens; refuses anything but tokens.
Result<std::vector<std::string>, ParseError> splitQopOptions(std::string_view text) {
  std::vector<std::string> options;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    const std::size_t comma = std::min(text.find(',', pos), text.size());
    std::string_view item = text.substr(pos, comma - pos);
    while (!item.empty() && (item.front() == ' ' || item.front() == '\t')) {
      item.remove_prefix(1);
    }
    while (!item.empty() && (item.back() == ' ' || item.back() == '\t')) {
      item.remove_suffix(1);
    }
    if (!item.empty()) {
      if (!isToken(item)) {
        return ParseError::BadValue;
      }
      options.push_back(toLowerAscii(item));
    }
    pos = comma + 1;
  }
  return options;
}

/// Appends `name=value`, comma-separated after the first parameter.
void appendParam(std::string& out, bool& first, std::string_view name,
                 std::string_view formattedValue) {
  out += first ? "" : ", ";
  first = false;
  out += name;
  out += '=';
  out += formattedValue;
}

/// Tokens go out bare; anything else is quoted so a hostile value cannot change the syntax.
std::string tokenOrQuoted(std::string_view value) {
  return isToken(value) ? std::string(value) : quoteString(value);
}

bool contains(const std::vector<std::string>& items, std::string_view wanted) {
  return std::find(items.begin(), items.end(), wanted) != items.end();
}

}  // namespace

std::optional<Algorithm> DigestChallenge::effectiveAlgorithm() const {
  return algorithm ? parseAlgorithm(*algorithm) : Algorithm::Md5;
}

bool DigestChallenge::offersQopAuth() const {
  return contains(qopOptions, "auth");
}

bool DigestChallenge::offersQopAuthInt() const {
  return contains(qopOptions, "auth-int");
}

std::optional<Algorithm> DigestCredentials::effectiveAlgorithm() const {
  return algorithm ? parseAlgorithm(*algorithm) : Algorithm::Md5;
}

Result<DigestChallenge, ParseError> parseChallenge(std::string_view headerValue) {
  auto params = parseDigestParams(headerValue);
  if (!params) {
    return params.error();
  }
  DigestChallenge challenge;
  bool haveRealm = false;
  bool haveNonce = false;
  for (AuthParam& param : params.value()) {
    if (param.name == "realm") {
      challenge.realm = std::move(param.value);
      haveRealm = true;
    } else if (param.name == "nonce") {
      challenge.nonce = std::move(param.value);
      haveNonce = true;
    } else if (param.name == "opaque") {
      challenge.opaque = std::move(param.value);
    } else if (param.name == "domain") {
      challenge.domain = std::move(param.value);
    } else if (param.name == "stale") {
      if (equalsIgnoreCase(param.value, "true")) {
        challenge.stale = true;
      } else if (!equalsIgnoreCase(param.value, "false")) {
        return ParseError::BadValue;
      }
    } else if (param.name == "algorithm") {
      challenge.algorithm = std::move(param.value);
    } else if (param.name == "qop") {
      auto options = splitQopOptions(param.value);
      if (!options) {
        return options.error();
      }
      challenge.qopOptions = std::move(options).value();
    }
  }
  if (!haveRealm || !haveNonce) {
    return ParseError::MissingParam;
  }
  return challenge;
}

Result<DigestCredentials, ParseError> parseCredentials(std::string_view headerValue) {
  auto params = parseDigestParams(headerValue);
  if (!params) {
    return params.error();
  }
  DigestCredentials credentials;
  unsigned required = 0;  // one bit per required parameter
  for (AuthParam& param : params.value()) {
    if (param.name == "username") {
      credentials.username = std::move(param.value);
      required |= 1u;
    } else if (param.name == "realm") {
      credentials.realm = std::move(param.value);
      required |= 2u;
    } else if (param.name == "nonce") {
      credentials.nonce = std::move(param.value);
      required |= 4u;
    } else if (param.name == "uri") {
      credentials.uri = std::move(param.value);
      required |= 8u;
    } else if (param.name == "response") {
      credentials.response = std::move(param.value);
      required |= 16u;
    } else if (param.name == "algorithm") {
      credentials.algorithm = std::move(param.value);
    } else if (param.name == "cnonce") {
      credentials.cnonce = std::move(param.value);
    } else if (param.name == "opaque") {
      credentials.opaque = std::move(param.value);
    } else if (param.name == "qop") {
      credentials.qop = toLowerAscii(param.value);
    } else if (param.name == "nc") {
      credentials.nc = std::move(param.value);
    } else if (param.name == "username*") {
      return ParseError::ExtendedUsernameUnsupported;
    } else if (param.name == "userhash") {
      if (equalsIgnoreCase(param.value, "true")) {
        return ParseError::UserhashUnsupported;
      }
    }
  }
  if (required != 31u) {
    return ParseError::MissingParam;
  }
  return credentials;
}

std::string formatChallenge(const DigestChallenge& challenge) {
  std::string out = "Digest ";
  bool first = true;
  appendParam(out, first, "realm", quoteString(challenge.realm));
  if (challenge.domain) {
    appendParam(out, first, "domain", quoteString(*challenge.domain));
  }
  appendParam(out, first, "nonce", quoteString(challenge.nonce));
  if (challenge.opaque) {
    appendParam(out, first, "opaque", quoteString(*challenge.opaque));
  }
  if (challenge.stale) {
    appendParam(out, first, "stale", "TRUE");
  }
  if (challenge.algorithm) {
    appendParam(out, first, "algorithm", tokenOrQuoted(*challenge.algorithm));
  }
  if (!challenge.qopOptions.empty()) {
    std::string joined;
    for (const std::string& option : challenge.qopOptions) {
      joined += joined.empty() ? "" : ",";
      joined += option;
    }
    appendParam(out, first, "qop", quoteString(joined));
  }
  return out;
}

std::string formatCredentials(const DigestCredentials& credentials) {
  std::string out = "Digest ";
  bool first = true;
  appendParam(out, first, "username", quoteString(credentials.username));
  appendParam(out, first, "realm", quoteString(credentials.realm));
  appendParam(out, first, "nonce", quoteString(credentials.nonce));
  appendParam(out, first, "uri", quoteString(credentials.uri));
  appendParam(out, first, "response", quoteString(credentials.response));
  if (credentials.algorithm) {
    appendParam(out, first, "algorithm", tokenOrQuoted(*credentials.algorithm));
  }
  if (credentials.cnonce) {
    appendParam(out, first, "cnonce", quoteString(*credentials.cnonce));
  }
  if (credentials.opaque) {
    appendParam(out, first, "opaque", quoteString(*credentials.opaque));
  }
  if (credentials.qop) {
    appendParam(out, first, "qop", tokenOrQuoted(*credentials.qop));
  }
  if (credentials.nc) {
    appendParam(out, first, "nc", tokenOrQuoted(*credentials.nc));
  }
  return out;
}

}  // namespace sb::sip::auth
