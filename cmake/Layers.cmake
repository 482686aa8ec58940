# Each layer is a static library built from every .cpp in its folders.
function(sb_layer name)
  cmake_parse_arguments(ARG "" "" "DIRS;DEPS" ${ARGN})
  set(sources "")
  foreach(dir IN LISTS ARG_DIRS)
    file(GLOB_RECURSE found CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/${dir}/*.cpp)
    list(APPEND sources ${found})
  endforeach()
  add_library(${name} STATIC ${sources})
  target_include_directories(${name} PUBLIC ${CMAKE_SOURCE_DIR}/src)
  target_link_libraries(${name} PUBLIC ${ARG_DEPS})
  sb_apply_flags(${name})
endfunction()

# core/config and core/cli are plain C++ (no Asio) so they can be fuzzed and tested in isolation.
sb_layer(sb_config DIRS src/core/config)
sb_layer(sb_cli DIRS src/core/cli)
sb_layer(sb_core
  DIRS src/core/reactor src/core/log src/core/store src/core/module src/core/console src/core/events
       src/core/util
  DEPS sb_config sb_cli Boost::boost fmt::fmt nlohmann_json::nlohmann_json Threads::Threads
       ${CMAKE_DL_LIBS})
target_compile_definitions(sb_core PUBLIC BOOST_ASIO_NO_DEPRECATED SB_VERSION="${PROJECT_VERSION}")

# The SIP stack is a library of its own: it knows nothing of Switchboard's core, modules or
# configuration, only of Asio, OpenSSL and c-ares.
sb_layer(sb_sip DIRS src/sip
  DEPS Boost::boost OpenSSL::SSL OpenSSL::Crypto PkgConfig::CARES fmt::fmt Threads::Threads)
target_compile_definitions(sb_sip PUBLIC BOOST_ASIO_NO_DEPRECATED)

# The PBX core's pure parts (dialplan, expressions, patterns): plain C++ on the config reader.
sb_layer(sb_pbx DIRS src/pbx DEPS sb_config fmt::fmt)

# Media: SDP offer/answer and codecs (plain C++), DTMF, and the RTP relay on its own thread.
sb_layer(sb_media DIRS src/media
  DEPS sb_config Boost::boost fmt::fmt PkgConfig::SPANDSP Threads::Threads)
target_compile_definitions(sb_media PUBLIC BOOST_ASIO_NO_DEPRECATED)

file(GLOB SB_APP_SOURCES CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/src/app/*.cpp)
