#include <gtest/gtest.h>

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>

#include "sip/transport/transport_manager.hpp"
#include "sip/transport/ws_listener.hpp"

namespace sb::sip {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;
using asio::ip::tcp;

const std::string kMessage =
    "OPTIONS sip:s@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/WS df7jal23ls0d.invalid;branch=z9hG4bK-1\r\n"
    "Max-Forwards: 70\r\nTo: <sip:s@127.0.0.1>\r\nFrom: <sip:c@127.0.0.1>;tag=1\r\n"
    "Call-ID: ws-1\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n";

struct WsFixture : ::testing::Test {
  asio::io_context io;
  std::vector<InboundPacket> received;
  TransportManager manager{
      io, [this](InboundPacket packet) {
        received.push_back(packet);
        manager.find(packet.flow.listener)->send(packet.flow, "echo:" + packet.data, nullptr);
      }};
  std::uint16_t port = 0;
  std::thread client;

  void SetUp() override {
    auto result = manager.apply(
        {ListenerSpec{"ws", TransportKind::Ws, *SocketAddress::parse("127.0.0.1:0"), 0}});
    ASSERT_TRUE(result.errors.empty());
    port = manager.find("ws")->localAddress().port;
  }
  void TearDown() override {
    if (client.joinable()) {
      client.join();
    }
  }
  /// Runs the server loop until `done` (the client works on its own thread with blocking I/O).
  template <class Predicate>
  void runUntil(Predicate done) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (!done()) {
      ASSERT_LT(std::chrono::steady_clock::now(), deadline);
      io.restart();
      io.run_for(std::chrono::milliseconds(5));
    }
  }
};

TEST_F(WsFixture, UpgradesWithTheSipSubprotocolAndCarriesMessages) {
  std::atomic<bool> finished = false;
  std::string protocol;
  std::string reply;
  client = std::thread([&] {
    asio::io_context clientIo;
    websocket::stream<tcp::socket> ws(clientIo);
    ws.next_layer().connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
    websocket::response_type response;
    ws.set_option(websocket::stream_base::decorator([](websocket::request_type& request) {
      request.set(beast::http::field::sec_websocket_protocol, "sip");
    }));
    ws.handshake(response, "127.0.0.1", "/ws");
    protocol = std::string(response[beast::http::field::sec_websocket_protocol]);
    ws.binary(true);  // RFC 7118 allows binary frames too
    ws.write(asio::buffer(kMessage));
    beast::flat_buffer buffer;
    ws.read(buffer);
    reply = beast::buffers_to_string(buffer.data());
    ws.close(websocket::close_code::normal);
    finished = true;
  });
  runUntil([&] { return finished.load(); });
  EXPECT_EQ(protocol, "sip");
  EXPECT_EQ(reply, "echo:" + kMessage);
  ASSERT_EQ(received.size(), 1u);
  EXPECT_EQ(received[0].flow.kind, TransportKind::Ws);
}

TEST_F(WsFixture, RefusesOtherPathsAndMissingSubprotocol) {
  std::atomic<bool> finished = false;
  int wrongPath = 0;
  int noProtocol = 0;
  client = std::thread([&] {
    asio::io_context clientIo;
    for (auto [target, protocol, out] :
         {std::tuple{"/other", "sip", &wrongPath}, std::tuple{"/ws", "", &noProtocol}}) {
      websocket::stream<tcp::socket> ws(clientIo);
      ws.next_layer().connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
      std::string offered = protocol;
      ws.set_option(websocket::stream_base::decorator([offered](websocket::request_type& request) {
        if (!offered.empty()) {
          request.set(beast::http::field::sec_websocket_protocol, offered);
        }
      }));
      websocket::response_type response;
      boost::system::error_code error;
      ws.handshake(response, "127.0.0.1", target, error);
      *out = static_cast<int>(response.result_int());
    }
    finished = true;
  });
  runUntil([&] { return finished.load(); });
  EXPECT_EQ(wrongPath, 404);
  EXPECT_EQ(noProtocol, 400);
}

TEST_F(WsFixture, AHugeFrameLengthIsRefusedWithoutHarm) {
  std::atomic<bool> finished = false;
  client = std::thread([&] {
    asio::io_context clientIo;
    websocket::stream<tcp::socket> ws(clientIo);
    ws.next_layer().connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
    ws.set_option(websocket::stream_base::decorator([](websocket::request_type& request) {
      request.set(beast::http::field::sec_websocket_protocol, "sip");
    }));
    ws.handshake("127.0.0.1", "/ws");
    // A masked binary frame announcing a 64-bit length near the maximum.
    const unsigned char frame[] = {0x82, 0xFF, 0x7F, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
                                   0xFF, 0xFC, 1,    2,    3,    4,    9,    9};
    boost::system::error_code error;
    asio::write(ws.next_layer(), asio::buffer(frame), error);
    char byte;
    ws.next_layer().read_some(asio::buffer(&byte, 1), error);  // the server closes on us
    finished = true;
  });
  runUntil([&] { return finished.load(); });
  runUntil([&] { return static_cast<WsListener&>(*manager.find("ws")).connectionCount() == 0; });
  EXPECT_TRUE(received.empty());
}

}  // namespace
}  // namespace sb::sip
