#include <gtest/gtest.h>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/write.hpp>
#include <filesystem>

#include "sip/transport/tcp_listener.hpp"
#include "sip/transport/transport_manager.hpp"

namespace sb::sip {
namespace {

namespace asio = boost::asio;
namespace ssl = asio::ssl;
using asio::ip::tcp;

const std::string kMessage =
    "OPTIONS sip:s@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/TLS 127.0.0.1:5099;branch=z9hG4bK-1\r\n"
    "Max-Forwards: 70\r\nTo: <sip:s@127.0.0.1>\r\nFrom: <sip:c@127.0.0.1>;tag=1\r\n"
    "Call-ID: tls-1\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n";

struct TlsFixture : ::testing::Test {
  std::filesystem::path dir = std::filesystem::temp_directory_path() /
                              ("sb-tls-" + std::to_string(::getpid()) + "-" +
                               ::testing::UnitTest::GetInstance()->current_test_info()->name());
  asio::io_context io;
  std::vector<InboundPacket> received;
  TransportManager manager{
      io, [this](InboundPacket packet) {
        received.push_back(packet);
        manager.find(packet.flow.listener)->send(packet.flow, "echo\r\n", nullptr);
      }};
  ssl::context clientContext{ssl::context::tls_client};

  ~TlsFixture() override { std::filesystem::remove_all(dir); }

  TlsSettings makeCertificate(const std::string& name) {
    std::string error;
    TlsSettings settings;
    settings.certFile = (dir / (name + ".crt")).string();
    settings.keyFile = (dir / (name + ".key")).string();
    EXPECT_TRUE(ensureSelfSignedCertificate(settings.certFile, settings.keyFile, name, error))
        << error;
    settings.contentDigest = digestFiles({settings.certFile, settings.keyFile});
    return settings;
  }
  ListenerSpec spec(TlsSettings tls, std::uint16_t port = 0) {
    ListenerSpec out{"tls", TransportKind::Tls, *SocketAddress::parse("127.0.0.1:0"), 0,
                     std::move(tls)};
    out.bind.port = port;
    return out;
  }
  template <class Predicate>
  void runUntil(Predicate done) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (!done()) {
      ASSERT_LT(std::chrono::steady_clock::now(), deadline);
      io.restart();
      io.run_for(std::chrono::milliseconds(5));
    }
  }
  /// Connects, handshakes and returns the stream plus the server certificate's CN.
  std::pair<std::unique_ptr<ssl::stream<tcp::socket>>, std::string> connect(std::uint16_t port) {
    auto stream = std::make_unique<ssl::stream<tcp::socket>>(io, clientContext);
    std::string commonName;
    stream->set_verify_mode(ssl::verify_peer);
    stream->set_verify_callback([&commonName](bool, ssl::verify_context& context) {
      char name[256] = {};
      X509_NAME_get_text_by_NID(
          X509_get_subject_name(X509_STORE_CTX_get_current_cert(context.native_handle())),
          NID_commonName, name, sizeof name);
      commonName = name;
      return true;  // self-signed: accept, we only look at it
    });
    stream->next_layer().connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
    bool done = false;
    stream->async_handshake(ssl::stream_base::client, [&](boost::system::error_code error) {
      EXPECT_FALSE(error) << error.message();
      done = true;
    });
    runUntil([&] { return done; });
    return {std::move(stream), commonName};
  }
  std::string roundTrip(ssl::stream<tcp::socket>& stream) {
    const std::size_t before = received.size();
    asio::write(stream, asio::buffer(kMessage));
    runUntil([&] { return received.size() > before && stream.next_layer().available() > 0; });
    std::string reply(6, '\0');
    asio::read(stream, asio::buffer(reply));
    return reply;
  }
};

TEST_F(TlsFixture, AnswersOverTlsWithASelfSignedCertificate) {
  auto result = manager.apply({spec(makeCertificate("first"))});
  ASSERT_TRUE(result.errors.empty()) << result.errors.begin()->second;
  const auto port = manager.find("tls")->localAddress().port;
  auto [stream, name] = connect(port);
  EXPECT_EQ(name, "first");
  EXPECT_EQ(roundTrip(*stream), "echo\r\n");
  EXPECT_EQ(received.back().flow.kind, TransportKind::Tls);
}

TEST_F(TlsFixture, InPlaceUpdateKeepsEstablishedConnections) {
  auto first = makeCertificate("first");
  // Bind a fixed port first so that a second spec can differ only in TLS settings.
  (void)manager.apply({spec(first)});
  const auto port = manager.find("tls")->localAddress().port;
  (void)manager.apply({spec(first, port)});  // re-bind onto the now-known port
  auto [old, oldName] = connect(port);
  ASSERT_EQ(roundTrip(*old), "echo\r\n");
  auto result = manager.apply({spec(makeCertificate("renewed"), port)});
  EXPECT_EQ(result.updated, std::vector<std::string>{"tls"});
  EXPECT_TRUE(result.reopened.empty());
  EXPECT_EQ(roundTrip(*old), "echo\r\n");
  auto [fresh, freshName] = connect(port);
  EXPECT_EQ(freshName, "renewed");
}

TEST_F(TlsFixture, BadCertificatesAreReportedAndTheOldOneStays) {
  auto first = makeCertificate("first");
  (void)manager.apply({spec(first)});
  const auto port = manager.find("tls")->localAddress().port;
  (void)manager.apply({spec(first, port)});
  auto broken = first;
  broken.keyFile = makeCertificate("other").keyFile;  // a key that does not match
  broken.contentDigest = "changed";
  auto result = manager.apply({spec(broken, port)});
  ASSERT_EQ(result.errors.count("tls"), 1u);
  EXPECT_NE(result.errors["tls"].find("priv_key_file"), std::string::npos) << result.errors["tls"];
  auto [stream, name] = connect(port);
  EXPECT_EQ(name, "first");

  auto missing = first;
  missing.certFile = (dir / "nope.crt").string();
  std::string error;
  EXPECT_FALSE(makeTlsContext(missing, error));
  EXPECT_NE(error.find("cannot load cert_file"), std::string::npos);
}

}  // namespace
}  // namespace sb::sip
