// RFC 4475 torture messages and RFC 5118 IPv6 messages from tests/data/sip.

#include <gtest/gtest.h>

#include <map>
#include <set>

#include "sip/message/text.hpp"
#include "test_support.hpp"

namespace sb::sip {
namespace {

using msgtest::readFile;
using msgtest::sipDataDir;

/// Expected outcome per file: 0 = parses; otherwise the status; plus a reason fragment.
struct Expect {
  int status;
  std::string_view reason;
};

const std::map<std::string, Expect>& rfc4475Expectations() {
  static const std::map<std::string, Expect> m = {
      // 3.1.1 valid
      {"wsinv", {0, ""}},
      {"intmeth", {0, ""}},
      {"esc01", {0, ""}},
      {"escnull", {0, ""}},
      {"esc02", {0, ""}},
      {"lwsdisp", {0, ""}},
      {"longreq", {0, ""}},
      {"dblreq", {0, ""}},
      {"semiuri", {0, ""}},
      {"transports", {0, ""}},
      {"mpart01", {0, ""}},
      {"unreason", {0, ""}},
      {"noreason", {0, ""}},
      // 3.1.2 invalid
      {"badinv01", {400, "Via"}},
      {"clerr", {400, "Content-Length"}},
      {"ncl", {400, "Content-Length"}},
      {"scalar02", {400, "CSeq"}},
      {"scalarlg", {400, "CSeq"}},
      {"quotbal", {400, "To"}},
      {"ltgtruri", {400, "Request-URI"}},
      {"lwsruri", {400, "Request-URI"}},
      {"lwsstart", {400, "Request-Line"}},
      {"trws", {400, "Request-Line"}},
      {"escruri", {400, "Request-URI"}},
      {"baddate", {400, "Date"}},
      {"regbadct", {400, "Contact"}},
      {"badaspec", {400, "To"}},
      {"baddn", {400, "From"}},
      {"badvers", {505, "Version"}},
      {"mismatch01", {400, "CSeq method"}},
      {"mismatch02", {400, "CSeq method"}},
      {"bigcode", {400, "status code"}},
      // 3.2 / 3.3 / 3.4: syntactically valid unless noted
      {"badbranch", {0, ""}},
      {"insuf", {400, "Missing"}},
      {"unkscm", {416, "Unsupported URI Scheme"}},
      {"novelsc", {416, "Unsupported URI Scheme"}},
      {"unksm2", {0, ""}},
      {"bext01", {0, ""}},
      {"invut", {0, ""}},
      {"regaut01", {0, ""}},
      {"multi01", {400, "Multiple"}},
      {"mcl01", {400, "Multiple Content-Length"}},
      {"bcast", {0, ""}},
      {"zeromf", {0, ""}},
      {"cparam01", {0, ""}},
      {"cparam02", {0, ""}},
      {"regescrt", {0, ""}},
      {"sdp01", {0, ""}},
      {"inv2543", {400, "Missing Max-Forwards"}},
  };
  return m;
}

const std::map<std::string, Expect>& rfc5118Expectations() {
  static const std::map<std::string, Expect> m = {
      {"ipv6-good", {0, ""}},
      {"ipv6-bad", {400, "Request-URI"}},
      {"port-ambiguous", {0, ""}},
      {"port-unambiguous", {0, ""}},
      {"via-received-param-with-delim", {0, ""}},
      {"via-received-param-no-delim", {0, ""}},
      {"ipv6-in-sdp", {0, ""}},
      {"mult-ip-in-header", {0, ""}},
      {"ipv4-mapped-ipv6", {0, ""}},
      {"ipv6-correct-abnf-1", {0, ""}},
      {"ipv6-incorrect-abnf-2", {400, "Request-URI"}},
  };
  return m;
}

ParseResult parseFile(const std::string& dir, const std::string& name) {
  return parseMessage(readFile(sipDataDir() / dir / (name + ".sip")));
}

void checkDirectory(const std::string& dir, const std::map<std::string, Expect>& expected) {
  std::set<std::string> seen;
  for (const auto& entry : std::filesystem::directory_iterator(sipDataDir() / dir)) {
    std::string name = entry.path().stem().string();
    SCOPED_TRACE(dir + "/" + name);
    auto it = expected.find(name);
    ASSERT_NE(it, expected.end()) << "no expectation for " << name;
    seen.insert(name);
    std::string bytes = readFile(entry.path());
    ASSERT_FALSE(bytes.empty());
    EXPECT_NE(bytes.find("\r\n\r\n"), std::string::npos);
    ParseResult r = parseMessage(bytes);
    if (it->second.status == 0) {
      EXPECT_TRUE(r.ok()) << (r.error ? r.error->reason : "");
      ASSERT_TRUE(r.message);
      // Received messages serialize back byte for byte (up to the end of the body).
      std::string out = r.message->serialize();
      EXPECT_EQ(out, bytes.substr(0, out.size()));
    } else {
      ASSERT_TRUE(r.error.has_value());
      EXPECT_EQ(r.error->status, it->second.status);
      EXPECT_NE(r.error->reason.find(it->second.reason), std::string_view::npos) << r.error->reason;
    }
  }
  EXPECT_EQ(seen.size(), expected.size());
}

TEST(SipMsgRfc4475, EveryMessageHasTheExpectedOutcome) {
  checkDirectory("rfc4475", rfc4475Expectations());
}

TEST(SipMsgRfc5118, EveryMessageHasTheExpectedOutcome) {
  checkDirectory("rfc5118", rfc5118Expectations());
}

TEST(SipMsgRfc4475, WsinvValues) {
  ParseResult r = parseFile("rfc4475", "wsinv");
  ASSERT_TRUE(r.ok());
  const Message& m = *r.message;
  EXPECT_EQ(m.method(), Method::Invite);
  EXPECT_EQ(m.requestUri().user, "vivekg");
  EXPECT_EQ(m.requestUri().host, "chair-dnrc.example.com");
  EXPECT_TRUE(m.requestUri().params.has("unknownparam"));
  auto to = m.to();
  ASSERT_TRUE(to);
  EXPECT_EQ(to->tag(), "1918181833n");
  EXPECT_EQ(to->uri.user, "vivekg");
  auto from = m.from();
  ASSERT_TRUE(from);
  EXPECT_EQ(from->tag(), "98asjd8");
  EXPECT_EQ(from->displayNameUnquoted(), "J Rosenberg \\\"");
  EXPECT_EQ(m.maxForwards(), 68u);
  EXPECT_EQ(m.callId(), "wsinv.ndaksdj@192.0.2.1");
  EXPECT_EQ(m.contentLength(), 150u);
  EXPECT_EQ(m.body().size(), 150u);
  auto cseq = m.cseq();
  ASSERT_TRUE(cseq);
  EXPECT_EQ(cseq->number, 9u);
  EXPECT_EQ(cseq->method, Method::Invite);
  auto vias = m.vias();
  ASSERT_EQ(vias.size(), 3u);
  EXPECT_EQ(vias[0].transport, "UDP");
  EXPECT_EQ(vias[0].host, "192.0.2.2");
  EXPECT_TRUE(vias[0].hasRport());
  EXPECT_FALSE(vias[0].rport());
  EXPECT_EQ(vias[0].branch(), "390skdjuw");
  EXPECT_FALSE(vias[0].hasMagicCookie());
  EXPECT_EQ(vias[1].transport, "TCP");
  EXPECT_EQ(vias[1].host, "spindle.example.com");
  EXPECT_EQ(vias[1].branch(), "z9hG4bK9ikj8");
  EXPECT_EQ(vias[2].host, "192.168.255.111");
  EXPECT_EQ(vias[2].branch(), "z9hG4bK30239");
  EXPECT_EQ(m.value("Subject"), "");
  EXPECT_NE(m.find("s"), nullptr);
  EXPECT_EQ(m.value("NewFangledHeader"), "newfangled value continued newfangled value");
  EXPECT_EQ(m.value("UnknownHeaderWithUnusualValue"), ";;,,;;,;");
  auto ct = m.contentType();
  ASSERT_TRUE(ct);
  EXPECT_EQ(ct->type, "application");
  EXPECT_EQ(ct->subtype, "sdp");
  auto routes = m.routes();
  ASSERT_EQ(routes.size(), 1u);
  EXPECT_TRUE(routes[0].uri.lr());
  EXPECT_EQ(routes[0].uri.params.get("unknownwith"), "value");
  auto contacts = m.contacts();
  ASSERT_EQ(contacts.size(), 1u);
  EXPECT_EQ(contacts[0].displayNameUnquoted(), "Quoted string \"\"");
  EXPECT_EQ(contacts[0].params.get("newparam"), "newvalue");
  EXPECT_TRUE(contacts[0].params.has("secondparam"));
  EXPECT_EQ(contacts[0].qThousandths(), 330);
}

TEST(SipMsgRfc4475, IntmethValues) {
  ParseResult r = parseFile("rfc4475", "intmeth");
  ASSERT_TRUE(r.ok());
  const Message& m = *r.message;
  EXPECT_EQ(m.method(), Method::Unknown);
  EXPECT_EQ(m.methodText(), "!interesting-Method0123456789_*+`.%indeed'~");
  EXPECT_EQ(m.requestUri().user, "1_unusual.URI~(to-be!sure)&isn't+it$/crazy?,/;;*");
  EXPECT_EQ(m.requestUri().password, "&it+has=1,weird!*pas$wo~d_too.(doesn't-it)");
  EXPECT_EQ(m.requestUri().host, "example.com");
  auto to = m.to();
  ASSERT_TRUE(to);
  EXPECT_EQ(to->displayNameUnquoted(), std::string("BEL:\x07 NUL:", 10) + '\0' + " DEL:\x7f");
  auto from = m.from();
  ASSERT_TRUE(from);
  EXPECT_EQ(from->displayName, "token1~` token2'+_ token3*%!.-");
  EXPECT_EQ(from->tag(), "_token~1'+`*%!-.");
  EXPECT_TRUE(from->params.has("fromParam''~+*_!.-%"));
  EXPECT_EQ(m.callId(), "intmeth.word%ZK-!.*_+'@word`~)(><:\\/\"][?}{");
  EXPECT_EQ(m.cseq()->number, 139122385u);
  EXPECT_EQ(m.maxForwards(), 255u);
  EXPECT_EQ(m.topVia()->branch(), "z9hG4bK-.!%66*_+`'~");
  EXPECT_EQ(m.value("extensionHeader-!.%*+_`'~"),
            "\xEF\xBB\xBF\xE5\xA4\xA7\xE5\x81\x9C\xE9\x9B\xBB");
}

TEST(SipMsgRfc4475, EscapesAreKeptAndDecodable) {
  ParseResult r = parseFile("rfc4475", "esc01");
  ASSERT_TRUE(r.ok());
  const Message& m = *r.message;
  EXPECT_EQ(m.requestUri().user, "sips%3Auser%40example.com");
  EXPECT_EQ(text::unescape(m.requestUri().user), "sips:user@example.com");
  EXPECT_EQ(text::unescape(m.to()->uri.user), "user");
  EXPECT_EQ(text::unescape(m.from()->uri.user), "I have spaces");
  auto contacts = m.contacts();
  ASSERT_EQ(contacts.size(), 1u);
  EXPECT_TRUE(contacts[0].uri.params.has("%6C%72"));
  EXPECT_EQ(contacts[0].uri.params.get("n%61me"), "v%61lue%25%34%31");

  ParseResult n = parseFile("rfc4475", "escnull");
  ASSERT_TRUE(n.ok());
  auto c = n.message->contacts();
  ASSERT_EQ(c.size(), 2u);
  EXPECT_EQ(text::unescape(c[0].uri.user), std::string(1, '\0'));
  EXPECT_EQ(text::unescape(c[1].uri.user), std::string(2, '\0'));
}

TEST(SipMsgRfc4475, PercentIsNotAnEscapeOutsideUris) {
  ParseResult r = parseFile("rfc4475", "esc02");
  ASSERT_TRUE(r.ok());
  const Message& m = *r.message;
  EXPECT_EQ(m.methodText(), "RE%47IST%45R");
  EXPECT_EQ(m.method(), Method::Unknown);
  EXPECT_EQ(m.to()->displayName, "%Z%45");
  EXPECT_EQ(m.contacts().size(), 2u);
  EXPECT_EQ(m.value("C%6Fntact"), "<sip:alias2@host2.example.com>");
}

TEST(SipMsgRfc4475, OtherValidMessages) {
  auto lws = parseFile("rfc4475", "lwsdisp");
  ASSERT_TRUE(lws.ok());
  EXPECT_EQ(lws.message->from()->displayName, "caller");

  auto longreq = parseFile("rfc4475", "longreq");
  ASSERT_TRUE(longreq.ok());
  EXPECT_EQ(longreq.message->vias().size(), 34u);
  EXPECT_EQ(longreq.message->to()->uri.port, 6000);
  EXPECT_EQ(longreq.message->vias().back().received(), "192.0.2.5");

  auto dbl = parseFile("rfc4475", "dblreq");
  ASSERT_TRUE(dbl.ok());
  EXPECT_EQ(dbl.message->method(), Method::Register);
  EXPECT_TRUE(dbl.message->body().empty());

  auto semi = parseFile("rfc4475", "semiuri");
  ASSERT_TRUE(semi.ok());
  EXPECT_EQ(semi.message->requestUri().user, "user;par=u%40example.net");
  EXPECT_EQ(semi.message->requestUri().host, "example.com");
  EXPECT_TRUE(semi.message->requestUri().params.empty());

  auto transports = parseFile("rfc4475", "transports");
  ASSERT_TRUE(transports.ok());
  auto vias = transports.message->vias();
  ASSERT_EQ(vias.size(), 5u);
  EXPECT_EQ(vias[1].transport, "SCTP");
  EXPECT_EQ(vias[3].transport, "UNKNOWN");

  auto unreason = parseFile("rfc4475", "unreason");
  ASSERT_TRUE(unreason.ok());
  EXPECT_EQ(unreason.message->statusCode(), 200);
  EXPECT_EQ(unreason.message->reasonPhrase().substr(0, 13), "= 2**3 * 5**2");

  auto noreason = parseFile("rfc4475", "noreason");
  ASSERT_TRUE(noreason.ok());
  EXPECT_EQ(noreason.message->statusCode(), 100);
  EXPECT_EQ(noreason.message->reasonPhrase(), "");

  auto unksm2 = parseFile("rfc4475", "unksm2");
  ASSERT_TRUE(unksm2.ok());
  EXPECT_EQ(unksm2.message->to()->uri.scheme, UriScheme::Other);
  EXPECT_EQ(unksm2.message->to()->uri.schemeText, "isbn");
  EXPECT_EQ(unksm2.message->contacts()[0].uri.opaque(), "John_Smith");

  auto cp1 = parseFile("rfc4475", "cparam01");
  ASSERT_TRUE(cp1.ok());
  EXPECT_TRUE(cp1.message->contacts()[0].params.has("unknownparam"));
  EXPECT_TRUE(cp1.message->contacts()[0].uri.params.empty());
  auto cp2 = parseFile("rfc4475", "cparam02");
  ASSERT_TRUE(cp2.ok());
  EXPECT_TRUE(cp2.message->contacts()[0].uri.params.has("unknownparam"));
  EXPECT_TRUE(cp2.message->contacts()[0].params.empty());

  auto regescrt = parseFile("rfc4475", "regescrt");
  ASSERT_TRUE(regescrt.ok());
  EXPECT_EQ(regescrt.message->contacts()[0].uri.headers, "Route=%3Csip:sip.example.com%3E");

  auto bext = parseFile("rfc4475", "bext01");
  ASSERT_TRUE(bext.ok());
  auto req = bext.message->tokens(HeaderId::Require);
  ASSERT_EQ(req.size(), 2u);
  EXPECT_EQ(req[1], "nothingSupportsThisEither");

  auto zeromf = parseFile("rfc4475", "zeromf");
  ASSERT_TRUE(zeromf.ok());
  EXPECT_EQ(zeromf.message->maxForwards(), 0u);

  auto regaut = parseFile("rfc4475", "regaut01");
  ASSERT_TRUE(regaut.ok());
  EXPECT_EQ(regaut.message->value(HeaderId::Authorization),
            "NoOneKnowsThisScheme opaque-data=here");

  auto bcast = parseFile("rfc4475", "bcast");
  ASSERT_TRUE(bcast.ok());
  EXPECT_EQ(bcast.message->vias()[1].host, "255.255.255.255");
}

TEST(SipMsgRfc4475, OptionalStrictnessCanBeRelaxed) {
  ParserLimits relaxed;
  relaxed.requireMaxForwards = false;
  relaxed.rejectUnknownUriSchemes = false;
  auto inv = parseMessage(readFile(sipDataDir() / "rfc4475" / "inv2543.sip"), relaxed);
  ASSERT_TRUE(inv.ok());
  EXPECT_FALSE(inv.message->topVia()->branch().size());
  EXPECT_FALSE(inv.message->from()->hasTag());
  auto novel = parseMessage(readFile(sipDataDir() / "rfc4475" / "novelsc.sip"), relaxed);
  ASSERT_TRUE(novel.ok());
  EXPECT_EQ(novel.message->requestUri().schemeText, "soap.beep");
}

TEST(SipMsgRfc5118, Values) {
  auto good = parseFile("rfc5118", "ipv6-good");
  ASSERT_TRUE(good.ok());
  EXPECT_EQ(good.message->requestUri().host, "[2001:db8::10]");
  EXPECT_EQ(good.message->requestUri().hostType, HostType::IPv6);
  EXPECT_EQ(good.message->topVia()->host, "[2001:db8::9:1]");
  EXPECT_EQ(good.message->contacts()[0].uri.hostAddress(), "2001:db8::1");

  auto amb = parseFile("rfc5118", "port-ambiguous");
  ASSERT_TRUE(amb.ok());
  EXPECT_EQ(amb.message->requestUri().host, "[2001:db8::10:5070]");
  EXPECT_FALSE(amb.message->requestUri().hasPort);

  auto unamb = parseFile("rfc5118", "port-unambiguous");
  ASSERT_TRUE(unamb.ok());
  EXPECT_EQ(unamb.message->requestUri().host, "[2001:db8::10]");
  EXPECT_EQ(unamb.message->requestUri().port, 5070);

  auto delim = parseFile("rfc5118", "via-received-param-with-delim");
  ASSERT_TRUE(delim.ok());
  EXPECT_EQ(delim.message->topVia()->received(), "[2001:db8::9:255]");
  auto nodelim = parseFile("rfc5118", "via-received-param-no-delim");
  ASSERT_TRUE(nodelim.ok());
  EXPECT_EQ(nodelim.message->topVia()->received(), "2001:db8::9:255");

  auto mult = parseFile("rfc5118", "mult-ip-in-header");
  ASSERT_TRUE(mult.ok());
  auto vias = mult.message->vias();
  ASSERT_EQ(vias.size(), 3u);
  EXPECT_EQ(vias[0].port, 6050);
  EXPECT_EQ(vias[1].hostType, HostType::IPv4);
  EXPECT_EQ(vias[2].received(), "192.0.2.200");

  auto mapped = parseFile("rfc5118", "ipv4-mapped-ipv6");
  ASSERT_TRUE(mapped.ok());
  EXPECT_EQ(mapped.message->topVia()->host, "[::ffff:192.0.2.10]");
  EXPECT_EQ(mapped.message->topVia()->port, 19823);
}

}  // namespace
}  // namespace sb::sip
