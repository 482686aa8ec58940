#include "media/codec/codec_prefs.hpp"

#include <algorithm>

#include "media/codec/strings.hpp"

namespace sb::media {

CodecPrefs CodecPrefs::parse(const std::vector<std::pair<bool, std::string>>& lines,
                             std::vector<std::string>* errors) {
  CodecPrefs prefs;
  for (const auto& [allowing, value] : lines)
    prefs.update(value, allowing, errors);
  return prefs;
}

CodecPrefs CodecPrefs::fromAllow(std::string_view allow, std::vector<std::string>* errors) {
  CodecPrefs prefs;
  prefs.update(allow, true, errors);
  return prefs;
}

bool CodecPrefs::update(std::string_view value, bool allowing, std::vector<std::string>* errors) {
  bool ok = true;
  auto fail = [&](std::string message) {
    ok = false;
    if (errors)
      errors->push_back(std::move(message));
  };
  value = trim(value);
  // "(ulaw|alaw)" is what str() prints: it stands for the whole list, so start from the
  // opposite of the verb, as Asterisk does.
  if (value.size() >= 2 && value.front() == '(' && value.back() == ')') {
    value = value.substr(1, value.size() - 2);
    if (allowing)
      disallowAll();
    else
      allowAll();
  }
  while (true) {
    std::size_t sep = value.find_first_of(",|");
    std::string_view entry = trim(value.substr(0, sep));
    bool entryAllowing = allowing;
    if (!entry.empty() && entry.front() == '!') {
      entry.remove_prefix(1);
      entryAllowing = !allowing;
    }
    unsigned framing = 0;
    bool skip = entry.empty();
    if (std::size_t colon = entry.rfind(':'); !skip && colon != std::string_view::npos) {
      std::string_view ms = trim(entry.substr(colon + 1));
      entry = trim(entry.substr(0, colon));
      auto parsed = parseNumber(ms, 100000);
      if (!parsed) {
        fail("Bad packetization value for codec " + std::string(entry));
        skip = true;
      } else {
        framing = static_cast<unsigned>(*parsed);
      }
    }
    if (!skip) {
      if (iequals(entry, "all")) {
        if (entryAllowing)
          allowAll();
        else
          disallowAll();
      } else if (const Codec* codec = findCodec(entry)) {
        if (entryAllowing)
          allow(*codec, framing);
        else
          disallow(*codec);
      } else {
        fail(std::string("Cannot ") + (entryAllowing ? "allow" : "disallow") + " unknown format '" +
             std::string(entry) + "'");
      }
    }
    if (sep == std::string_view::npos)
      break;
    value.remove_prefix(sep + 1);
  }
  return ok;
}

std::vector<CodecPref> CodecPrefs::codecs(MediaKind kind) const {
  std::vector<CodecPref> out;
  for (const CodecPref& p : codecs_) {
    if (p.codec->kind == kind)
      out.push_back(p);
  }
  return out;
}

std::vector<CodecPref> CodecPrefs::sdpCodecs(std::string_view sdpMedia) const {
  std::vector<CodecPref> out;
  for (const CodecPref& p : codecs_) {
    if (p.codec->inSdp() && p.codec->sdpMedia == sdpMedia)
      out.push_back(p);
  }
  return out;
}

bool CodecPrefs::allows(const Codec& codec) const {
  return find(codec) != nullptr;
}

const CodecPref* CodecPrefs::find(const Codec& codec) const {
  auto it = std::find_if(codecs_.begin(), codecs_.end(),
                         [&](const CodecPref& p) { return p.codec == &codec; });
  return it == codecs_.end() ? nullptr : &*it;
}

std::string CodecPrefs::str() const {
  if (codecs_.empty())
    return "(nothing)";
  std::string out = "(";
  for (std::size_t i = 0; i < codecs_.size(); ++i) {
    if (i)
      out += '|';
    out += codecs_[i].codec->name;
  }
  out += ')';
  return out;
}

void CodecPrefs::allow(const Codec& codec, unsigned framingMs) {
  if (!allows(codec))
    codecs_.push_back(CodecPref{&codec, framingMs});
}

void CodecPrefs::disallow(const Codec& codec) {
  std::erase_if(codecs_, [&](const CodecPref& p) { return p.codec == &codec; });
}

void CodecPrefs::allowAll() {
  for (const Codec& c : allCodecs())
    allow(c);
}

void CodecPrefs::replaceKind(MediaKind kind, const CodecPrefs& other) {
  std::erase_if(codecs_, [kind](const CodecPref& p) { return p.codec->kind == kind; });
  for (const CodecPref& p : other.codecs_) {
    if (p.codec->kind == kind)
      allow(*p.codec, p.framingMs);
  }
}

}  // namespace sb::media
