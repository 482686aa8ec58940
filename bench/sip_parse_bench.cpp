// Google Benchmark (main from benchmark_main): SIP messages parsed (and validated) per second, on
// typical REGISTER, INVITE-with-SDP and 200 OK messages, plus serialization and response building.

#include <benchmark/benchmark.h>

#include <string>
#include <string_view>

#include "sip/message/builder.hpp"
#include "sip/message/parser.hpp"

namespace {

std::string crlf(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '\n')
      out.push_back('\r');
    out.push_back(c);
  }
  return out;
}

const std::string& registerMessage() {
  static const std::string m = crlf(
      "REGISTER sip:registrar.biloxi.example.com SIP/2.0\n"
      "Via: SIP/2.0/UDP bobspc.biloxi.example.com:5060;branch=z9hG4bKnashds7;rport\n"
      "Max-Forwards: 70\n"
      "To: Bob <sip:bob@biloxi.example.com>\n"
      "From: Bob <sip:bob@biloxi.example.com>;tag=456248\n"
      "Call-ID: 843817637684230@998sdasdh09\n"
      "CSeq: 1826 REGISTER\n"
      "Contact: <sip:bob@192.0.2.4;transport=udp>;+sip.instance=\"<urn:uuid:0001>\";reg-id=1\n"
      "Expires: 7200\n"
      "User-Agent: Switchboard-Bench/1.0\n"
      "Allow: INVITE, ACK, CANCEL, BYE, OPTIONS, NOTIFY, REFER\n"
      "Supported: path, outbound, gruu\n"
      "Content-Length: 0\n"
      "\n");
  return m;
}

const std::string& inviteMessage() {
  static const std::string m = [] {
    std::string sdp = crlf(
        "v=0\n"
        "o=alice 2890844526 2890844526 IN IP4 pc33.atlanta.example.com\n"
        "s=-\n"
        "c=IN IP4 192.0.2.101\n"
        "t=0 0\n"
        "m=audio 49172 RTP/AVP 0 8 101\n"
        "a=rtpmap:0 PCMU/8000\n"
        "a=rtpmap:8 PCMA/8000\n"
        "a=rtpmap:101 telephone-event/8000\n"
        "a=sendrecv\n");
    return crlf(
               "INVITE sip:bob@biloxi.example.com SIP/2.0\n"
               "Via: SIP/2.0/UDP pc33.atlanta.example.com:5060;branch=z9hG4bK776asdhds;rport\n"
               "Max-Forwards: 70\n"
               "To: Bob <sip:bob@biloxi.example.com>\n"
               "From: Alice <sip:alice@atlanta.example.com>;tag=1928301774\n"
               "Call-ID: a84b4c76e66710@pc33.atlanta.example.com\n"
               "CSeq: 314159 INVITE\n"
               "Contact: <sip:alice@pc33.atlanta.example.com>\n"
               "Allow: INVITE, ACK, CANCEL, BYE, OPTIONS, UPDATE, PRACK\n"
               "Supported: 100rel, timer, replaces\n"
               "Session-Expires: 1800\n"
               "User-Agent: Switchboard-Bench/1.0\n"
               "Content-Type: application/sdp\n"
               "Content-Length: " +
               std::to_string(sdp.size()) + "\n\n") +
           sdp;
  }();
  return m;
}

const std::string& okMessage() {
  static const std::string m = crlf(
      "SIP/2.0 200 OK\n"
      "Via: SIP/2.0/UDP server10.biloxi.example.com;branch=z9hG4bK4b43c2ff8.1;received=192.0.2.3\n"
      "Via: SIP/2.0/UDP bigbox3.site3.atlanta.example.com;branch=z9hG4bK77ef4c2312983.1;"
      "received=192.0.2.2\n"
      "Via: SIP/2.0/UDP pc33.atlanta.example.com;branch=z9hG4bK776asdhds;received=192.0.2.1\n"
      "Record-Route: <sip:server10.biloxi.example.com;lr>, "
      "<sip:bigbox3.site3.atlanta.example.com;lr>\n"
      "To: Bob <sip:bob@biloxi.example.com>;tag=a6c85cf\n"
      "From: Alice <sip:alice@atlanta.example.com>;tag=1928301774\n"
      "Call-ID: a84b4c76e66710@pc33.atlanta.example.com\n"
      "CSeq: 314159 INVITE\n"
      "Contact: <sip:bob@192.0.2.4>\n"
      "Content-Length: 0\n"
      "\n");
  return m;
}

void parseLoop(benchmark::State& state, const std::string& text) {
  for (auto _ : state) {
    // The copy stands in for the receive buffer the transport hands over.
    sb::sip::ParseResult r = sb::sip::parseMessage(std::string(text));
    if (!r.ok())
      state.SkipWithError("parse failed");
    benchmark::DoNotOptimize(r);
  }
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(text.size()));
}

void BM_ParseRegister(benchmark::State& state) {
  parseLoop(state, registerMessage());
}
void BM_ParseInviteWithSdp(benchmark::State& state) {
  parseLoop(state, inviteMessage());
}
void BM_Parse200Ok(benchmark::State& state) {
  parseLoop(state, okMessage());
}

void BM_ParseInviteAndReadTyped(benchmark::State& state) {
  for (auto _ : state) {
    sb::sip::ParseResult r = sb::sip::parseMessage(std::string(inviteMessage()));
    auto via = r.message->topVia();
    auto cseq = r.message->cseq();
    auto from = r.message->from();
    benchmark::DoNotOptimize(via);
    benchmark::DoNotOptimize(cseq);
    benchmark::DoNotOptimize(from);
  }
  state.SetItemsProcessed(state.iterations());
}

void BM_SerializeInvite(benchmark::State& state) {
  sb::sip::ParseResult r = sb::sip::parseMessage(std::string(inviteMessage()));
  std::string out;
  for (auto _ : state) {
    out.clear();
    r.message->serializeTo(out);
    benchmark::DoNotOptimize(out.data());
  }
  state.SetItemsProcessed(state.iterations());
}

void BM_MakeResponse(benchmark::State& state) {
  sb::sip::ParseResult r = sb::sip::parseMessage(std::string(inviteMessage()));
  for (auto _ : state) {
    auto resp = sb::sip::makeResponse(*r.message, 180, "Ringing", "a6c85cf");
    benchmark::DoNotOptimize(resp);
  }
  state.SetItemsProcessed(state.iterations());
}

BENCHMARK(BM_ParseRegister);
BENCHMARK(BM_ParseInviteWithSdp);
BENCHMARK(BM_Parse200Ok);
BENCHMARK(BM_ParseInviteAndReadTyped);
BENCHMARK(BM_SerializeInvite);
BENCHMARK(BM_MakeResponse);

}  // namespace
