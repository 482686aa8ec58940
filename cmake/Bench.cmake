# Benchmarks (Google Benchmark): one executable per bench/*_bench.cpp. Not part of the tests.
find_package(benchmark REQUIRED)
file(GLOB SB_BENCH_SOURCES CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/bench/*_bench.cpp)
# The contact store benchmark is a plain program timing fsync-bound group commits.
list(FILTER SB_BENCH_SOURCES EXCLUDE REGEX "contact_store_bench\\.cpp$")
add_executable(contact_store_bench ${CMAKE_SOURCE_DIR}/bench/contact_store_bench.cpp)
target_link_libraries(contact_store_bench PRIVATE sb_modules)
sb_apply_flags(contact_store_bench)
foreach(source IN LISTS SB_BENCH_SOURCES)
  get_filename_component(name ${source} NAME_WE)
  add_executable(${name} ${source})
  target_link_libraries(${name} PRIVATE sb_sip benchmark::benchmark benchmark::benchmark_main)
  sb_apply_flags(${name})
endforeach()
# The RTP relay benchmark drives the media engine.
target_link_libraries(rtp_relay_bench PRIVATE sb_media)
# The RTP load generator is a plain program, driven by bench/media_load.sh.
add_executable(rtp_load ${CMAKE_SOURCE_DIR}/bench/rtp_load.cpp)
sb_apply_flags(rtp_load)
