// Writes the prompts the sample dialplan plays, as 8 kHz 16-bit mono WAV files, so that a
// fresh checkout has something to Playback() without downloading sound packs:
//   make_prompts <sounds folder>   ->   <folder>/en/demo-congrats.wav, beep.wav and the
//   transfer prompts (pbx-transfer, pbx-invalid, privacy-incorrect, beeperr)
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <numbers>
#include <utility>
#include <vector>

namespace {

constexpr int kRate = 8000;

void put32(std::ofstream& out, std::uint32_t v) {
  for (int i = 0; i < 4; ++i)
    out.put(static_cast<char>((v >> (8 * i)) & 0xff));
}

void put16(std::ofstream& out, std::uint16_t v) {
  out.put(static_cast<char>(v & 0xff));
  out.put(static_cast<char>(v >> 8));
}

/// Appends a tone with a short fade in and out (no clicks).
void tone(std::vector<std::int16_t>& samples, double hz, double seconds, double level = 0.3) {
  const int count = static_cast<int>(seconds * kRate);
  const int fade = kRate / 100;
  for (int i = 0; i < count; ++i) {
    double envelope = 1.0;
    if (i < fade)
      envelope = static_cast<double>(i) / fade;
    if (count - i < fade)
      envelope = static_cast<double>(count - i) / fade;
    const double value = hz > 0 ? std::sin(2 * std::numbers::pi * hz * i / kRate) : 0.0;
    samples.push_back(static_cast<std::int16_t>(value * envelope * level * 32767));
  }
}

bool writeWav(const std::filesystem::path& path, const std::vector<std::int16_t>& samples) {
  std::ofstream out(path, std::ios::binary);
  if (!out)
    return false;
  const std::uint32_t bytes = static_cast<std::uint32_t>(samples.size() * 2);
  out.write("RIFF", 4);
  put32(out, 36 + bytes);
  out.write("WAVEfmt ", 8);
  put32(out, 16);
  put16(out, 1);  // PCM
  put16(out, 1);  // mono
  put32(out, kRate);
  put32(out, kRate * 2);
  put16(out, 2);
  put16(out, 16);
  out.write("data", 4);
  put32(out, bytes);
  for (auto s : samples)
    put16(out, static_cast<std::uint16_t>(s));
  return static_cast<bool>(out);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: make_prompts <sounds folder>\n";
    return 2;
  }
  const std::filesystem::path folder = std::filesystem::path(argv[1]) / "en";
  std::filesystem::create_directories(folder);
  std::vector<std::int16_t> congrats;
  // A rising major arpeggio: the "it works" prompt of the demo dialplan.
  for (double hz : {523.25, 659.25, 783.99, 1046.5}) {
    tone(congrats, hz, 0.25);
    tone(congrats, 0, 0.05);
  }
  tone(congrats, 1046.5, 0.6);
  std::vector<std::int16_t> beep;
  tone(beep, 1000, 0.25);
  // The transfer prompts of features.conf's defaults: a falling pair announces the transfer,
  // a low buzz says the number was wrong (try again), a lower one that it failed.
  std::vector<std::int16_t> transfer;
  tone(transfer, 880, 0.15);
  tone(transfer, 660, 0.15);
  std::vector<std::int16_t> invalid;
  tone(invalid, 300, 0.4);
  std::vector<std::int16_t> incorrect;
  tone(incorrect, 200, 0.6);
  std::vector<std::int16_t> beepErr;
  tone(beepErr, 400, 0.25);
  for (const auto& [name, samples] :
       {std::pair{"demo-congrats.wav", &congrats}, std::pair{"beep.wav", &beep},
        std::pair{"pbx-transfer.wav", &transfer}, std::pair{"pbx-invalid.wav", &invalid},
        std::pair{"privacy-incorrect.wav", &incorrect}, std::pair{"beeperr.wav", &beepErr}}) {
    if (!writeWav(folder / name, *samples)) {
      std::cerr << "make_prompts: cannot write into " << folder << "\n";
      return 1;
    }
  }
  return 0;
}
