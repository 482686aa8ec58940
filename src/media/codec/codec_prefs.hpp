#pragma once
// An endpoint's codec preference list, built from its allow=/disallow= lines the way Asterisk's
// ast_format_cap_update_by_allow_disallow() does.

#include <string>
#include <utility>
#include <vector>

#include "media/codec/codec.hpp"

namespace sb::media {

/// One allowed codec and its packetization (framing) in ms; 0 means the codec's default.
struct CodecPref {
  const Codec* codec = nullptr;
  unsigned framingMs = 0;

  /// The framing to use: the configured one, else the codec's default.
  unsigned effectiveFramingMs() const { return framingMs ? framingMs : codec->defaultMs; }
  bool operator==(const CodecPref&) const = default;
};

/// Ordered allowed codecs. With no lines at all it is empty: like an Asterisk pjsip endpoint
/// without allow=, it allows nothing.
class CodecPrefs {
 public:
  CodecPrefs() = default;

  /// Applies allow (first = true) and disallow (first = false) lines in order. Each value is a
  /// list separated by ',' or '|'; entries are codec names, "all", "!name" (the opposite of the
  /// line's verb) and "name:ms" (framing). A value wrapped in parentheses, as str() prints it,
  /// replaces everything. Unknown names and bad framings are skipped and reported in errors
  /// ("Cannot allow unknown format 'xyz'").
  static CodecPrefs parse(const std::vector<std::pair<bool, std::string>>& lines,
                          std::vector<std::string>* errors = nullptr);

  /// Shorthand for one allow= value ("ulaw,alaw").
  static CodecPrefs fromAllow(std::string_view allow, std::vector<std::string>* errors = nullptr);

  /// Applies one allow (allowing = true) or disallow value; returns false if some entry was bad.
  bool update(std::string_view value, bool allowing, std::vector<std::string>* errors = nullptr);

  /// Allowed codecs in preference order.
  const std::vector<CodecPref>& codecs() const { return codecs_; }
  /// Allowed codecs of one kind in preference order.
  std::vector<CodecPref> codecs(MediaKind kind) const;
  /// Allowed codecs that can be offered in an m=<sdpMedia> line, in preference order.
  std::vector<CodecPref> sdpCodecs(std::string_view sdpMedia) const;

  bool allows(const Codec& codec) const;
  /// The preference entry of a codec, or nullptr when not allowed.
  const CodecPref* find(const Codec& codec) const;
  bool empty() const { return codecs_.empty(); }

  /// As `pjsip show endpoint` prints allow: "(ulaw|alaw)", or "(nothing)".
  std::string str() const;

  /// Appends a codec (kept in place if already allowed, like ast_format_cap_append).
  void allow(const Codec& codec, unsigned framingMs = 0);
  /// Removes a codec.
  void disallow(const Codec& codec);
  void allowAll();
  /// Replaces the codecs of `kind` by those of that kind in `other`, appended after the
  /// codecs of the other kinds (PJSIP_MEDIA_OFFER on one stream type).
  void replaceKind(MediaKind kind, const CodecPrefs& other);
  void disallowAll() { codecs_.clear(); }

  bool operator==(const CodecPrefs&) const = default;

 private:
  std::vector<CodecPref> codecs_;
};

}  // namespace sb::media
