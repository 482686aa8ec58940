#pragma once
/// @file
/// The SIP headers a channel's PJSIP_HEADER function works on, kept as res_pjsip_header_funcs
/// keeps its per-session list: an inbound channel's list starts as the headers of its INVITE
/// (headers the dialplan adds go after them); an outbound channel has no list until the first
/// `add`, and its INVITE takes the list away. Plain data, reactor thread only.
///
/// Header names compare without regard to case. Where a pattern is allowed, a trailing `*`
/// makes it match every name that begins with the text before it (so `*` alone matches all).

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sb::modules::pbx {

/// One header: its name and its value (without the colon or surrounding blanks).
struct SipHeader {
  std::string name;
  std::string value;
  bool operator==(const SipHeader&) const = default;
};

/// How a list of header names repeats a name that occurs more than once.
enum class HeaderNameList {
  /// PJSIP_HEADERS: a name is left out when the text already listed holds it as a whole
  /// entry *and* the character after its first letter is a comma. res_pjsip_header_funcs
  /// checks it that way, so in practice only one-letter names are listed once.
  Pjsip,
  /// SIP_HEADERS (chan_sip): every name once; the prefix is compared with case, `*` = all.
  ChanSip,
};

class SipHeaderList {
 public:
  /// Whether the list exists at all; operations report a different error without one.
  bool exists() const { return exists_; }
  const std::vector<SipHeader>& headers() const { return headers_; }

  /// Starts the list with `headers` (the INVITE that created an inbound channel).
  void assign(std::vector<SipHeader> headers);
  /// PJSIP_HEADER(add): appends a header, creating the list if needed.
  void add(std::string name, std::string value);
  /// PJSIP_HEADER(read): the value of the `number`-th (from 1) header matching `pattern`.
  std::optional<std::string> read(std::string_view pattern, int number) const;

  enum class UpdateResult { Updated, NoList, NoSuchHeader };
  /// PJSIP_HEADER(update): gives the `number`-th header named exactly `name` a new value.
  UpdateResult update(std::string_view name, int number, std::string value);
  /// PJSIP_HEADER(remove): removes every header matching `pattern` and says how many went;
  /// std::nullopt when there is no list.
  std::optional<std::size_t> remove(std::string_view pattern);

  /// PJSIP_HEADERS / SIP_HEADERS: the names beginning with `prefix` (all when empty),
  /// comma separated, in message order; repeats as `style` says.
  std::string names(std::string_view prefix, HeaderNameList style) const;

  /// The headers for an outgoing INVITE. The list is gone afterwards, as res_pjsip drops
  /// its datastore once the INVITE carries the headers.
  std::vector<SipHeader> take();

 private:
  bool exists_ = false;
  std::vector<SipHeader> headers_;
};

/// True when header `name` matches `pattern` (case-insensitive; a trailing `*` = prefix).
bool headerNameMatches(std::string_view name, std::string_view pattern);

}  // namespace sb::modules::pbx
