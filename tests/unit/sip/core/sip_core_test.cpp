#include <gtest/gtest.h>

#include <boost/asio/ip/udp.hpp>

#include "sip/core/sip_core.hpp"
#include "sip/message/builder.hpp"
#include "sip/message/parser.hpp"

namespace sb::sip {
namespace {

namespace asio = boost::asio;
using asio::ip::udp;

std::string request(std::string_view method, std::string_view extra = "", int maxForwards = 70,
                    std::string_view via = "SIP/2.0/UDP 10.9.9.9:5099;branch=z9hG4bK-a;rport") {
  std::string text = std::string(method) + " sip:server@127.0.0.1 SIP/2.0\r\n";
  text += "Via: " + std::string(via) + "\r\n";
  text += "Max-Forwards: " + std::to_string(maxForwards) + "\r\n";
  text += "To: <sip:server@127.0.0.1>\r\nFrom: <sip:alice@127.0.0.1>;tag=xyz\r\n";
  text += "Call-ID: core-test\r\nCSeq: 7 " + std::string(method) + "\r\n";
  text += std::string(extra);
  text += "Content-Length: 0\r\n\r\n";
  return text;
}

struct CoreFixture : ::testing::Test {
  asio::io_context io;
  SipCore core{io};
  udp::socket client{io, udp::endpoint(asio::ip::make_address("127.0.0.1"), 0)};
  udp::endpoint server;

  CoreFixture() {
    auto result = core.transports().apply(
        {ListenerSpec{"udp", TransportKind::Udp, *SocketAddress::parse("127.0.0.1:0"), 0}});
    EXPECT_TRUE(result.errors.empty());
    const auto local = core.transports().find("udp")->localAddress();
    server = udp::endpoint(local.address, local.port);
    CoreSettings settings;
    settings.serverHeader = "TestServer";
    core.setSettings(settings);
  }

  /// Sends text and returns the parsed reply.
  Message exchange(const std::string& text) {
    client.send_to(asio::buffer(text), server);
    std::array<char, 65536> buffer{};
    std::size_t size = 0;
    client.async_receive(asio::buffer(buffer), [&](boost::system::error_code, std::size_t n) {
      size = n;
      io.stop();
    });
    io.restart();
    io.run_for(std::chrono::seconds(10));
    auto parsed = parseMessage(std::string(buffer.data(), size));
    EXPECT_TRUE(parsed.message.has_value()) << std::string(buffer.data(), size);
    return parsed.message.value_or(Message());
  }
};

TEST_F(CoreFixture, OptionsIsAnsweredWithCapabilities) {
  const auto reply = exchange(request("OPTIONS"));
  EXPECT_EQ(reply.statusCode(), 200);
  EXPECT_EQ(reply.value("Allow"), "OPTIONS");
  EXPECT_EQ(reply.value("Accept"), "application/sdp");
  EXPECT_EQ(reply.value("Server"), "TestServer");
  EXPECT_EQ(reply.callId(), "core-test");
  EXPECT_FALSE(reply.to()->params.get("tag").empty());
  // RFC 3581: received and rport are filled in from the datagram's source.
  const auto via = reply.topVia();
  ASSERT_TRUE(via);
  EXPECT_EQ(via->received(), "127.0.0.1");
  EXPECT_EQ(via->rport(), client.local_endpoint().port());
  EXPECT_EQ(via->branch(), "z9hG4bK-a");
}

TEST_F(CoreFixture, OptionsWithMaxForwardsZeroIsStillAnswered) {
  EXPECT_EQ(exchange(request("OPTIONS", "", 0)).statusCode(), 200);
}

TEST_F(CoreFixture, OtherRequestsWithMaxForwardsZeroGet483) {
  const auto reply = exchange(request("INFO", "", 0));
  EXPECT_EQ(reply.statusCode(), 483);
  EXPECT_EQ(reply.reasonPhrase(), "Too Many Hops");
}

TEST_F(CoreFixture, UnknownMethodsGet501AndUnhandledKnownOnes405) {
  const auto unknown = exchange(request("FROBNICATE"));
  EXPECT_EQ(unknown.statusCode(), 501);
  EXPECT_EQ(unknown.value("Allow"), "OPTIONS");
  const auto known = exchange(request("BYE"));
  EXPECT_EQ(known.statusCode(), 405);
  EXPECT_EQ(known.value("Allow"), "OPTIONS");
}

TEST_F(CoreFixture, BrokenRequestsGetA400ThatSaysWhy) {
  std::string text = request("OPTIONS");
  text.replace(text.find("Call-ID: core-test\r\n"), 20, "");
  client.send_to(asio::buffer(text), server);
  std::array<char, 4096> buffer{};
  std::size_t size = 0;
  client.async_receive(asio::buffer(buffer), [&](boost::system::error_code, std::size_t n) {
    size = n;
    io.stop();
  });
  io.run_for(std::chrono::seconds(10));
  const std::string reply(buffer.data(), size);
  EXPECT_EQ(reply.rfind("SIP/2.0 400 ", 0), 0u) << reply;
  EXPECT_NE(reply.find("Call-ID"), std::string::npos) << reply;
  EXPECT_EQ(core.stats().rejected, 1u);
}

TEST_F(CoreFixture, PipelineHandlersRunInStageOrderAndExtendAllow) {
  std::vector<std::string> seen;
  core.pipeline().add(
      Stage::Handle, "message",
      [&](IncomingRequest& r) {
        seen.push_back("handle");
        r.respond(202, "Accepted");
        return Verdict::Done;
      },
      Method::Message);
  core.pipeline().add(Stage::Identify, "who", [&](IncomingRequest& r) {
    seen.push_back("identify");
    r.attribute("endpoint") = "alice";
    return Verdict::Continue;
  });
  core.pipeline().add(Stage::Filter, "filter", [&](IncomingRequest&) {
    seen.push_back("filter");
    return Verdict::Continue;
  });
  const auto reply = exchange(request("MESSAGE"));
  EXPECT_EQ(reply.statusCode(), 202);
  EXPECT_EQ(seen, (std::vector<std::string>{"filter", "identify", "handle"}));
  EXPECT_EQ(core.allowedMethods(), "OPTIONS, MESSAGE");
}

TEST_F(CoreFixture, AFilterCanRejectBeforeAnythingElse) {
  core.pipeline().add(Stage::Filter, "acl", [](IncomingRequest& r) {
    r.respond(403, "Forbidden");
    return Verdict::Done;
  });
  EXPECT_EQ(exchange(request("OPTIONS")).statusCode(), 403);
}

TEST_F(CoreFixture, RetransmissionsAreAbsorbedAndGetTheSameResponse) {
  int handled = 0;
  core.pipeline().add(
      Stage::Handle, "info",
      [&](IncomingRequest& r) {
        ++handled;
        r.respond(200, "OK");
        return Verdict::Done;
      },
      Method::Info);
  const auto first = exchange(request("INFO"));
  const auto again = exchange(request("INFO"));
  EXPECT_EQ(handled, 1);
  EXPECT_EQ(core.stats().absorbed, 1u);
  EXPECT_EQ(first.statusCode(), 200);
  EXPECT_EQ(again.serialize(), first.serialize());   // same To tag, same everything
  EXPECT_EQ(core.transactions().serverCount(), 1u);  // Timer J keeps it for 64*T1 on UDP
}

TEST(StampTopVia, LeavesAnExplicitRportAndMatchingHostAlone) {
  auto parsed = parseMessage(
      request("OPTIONS", "", 70, "SIP/2.0/UDP 127.0.0.1:5099;branch=z9hG4bK-b;rport=5099"));
  ASSERT_TRUE(parsed.ok());
  auto response = *parsed.message;
  auto copy = response;
  stampTopVia(response, *parsed.message, *SocketAddress::parse("127.0.0.1:5099"));
  EXPECT_EQ(response.value("Via"), copy.value("Via"));
}

TEST(StampTopVia, FillsRportAndReceivedInTheFirstViaParmOnly) {
  auto parsed = parseMessage(request(
      "OPTIONS", "", 70,
      "SIP/2.0/UDP client.test ; rport ;branch=z9hG4bK-c, SIP/2.0/UDP 10.0.0.2;branch=z9hG4bK-d"));
  ASSERT_TRUE(parsed.ok());
  auto response = *makeResponse(*parsed.message, 200, "OK");
  stampTopVia(response, *parsed.message, *SocketAddress::parse("192.0.2.7:6100"));
  EXPECT_EQ(response.value("Via"),
            "SIP/2.0/UDP client.test ; rport=6100 ;branch=z9hG4bK-c;received=192.0.2.7, "
            "SIP/2.0/UDP 10.0.0.2;branch=z9hG4bK-d");
}

TEST(StampTopVia, ParsesAResponseViaLineThatDiffersFromTheRequests) {
  auto parsed =
      parseMessage(request("OPTIONS", "", 70, "SIP/2.0/UDP 10.0.0.1;branch=z9hG4bK-e;rport"));
  ASSERT_TRUE(parsed.ok());
  auto response = *makeResponse(*parsed.message, 200, "OK");
  response.removeHeaders(HeaderId::Via);
  response.addHeader("Via", "SIP/2.0/UDP  10.0.0.1;rport;branch=z9hG4bK-e");
  stampTopVia(response, *parsed.message, *SocketAddress::parse("[2001:db8::5]:5070"));
  EXPECT_EQ(response.value("Via"),
            "SIP/2.0/UDP  10.0.0.1;rport=5070;branch=z9hG4bK-e;received=2001:db8::5");
}

}  // namespace
}  // namespace sb::sip
