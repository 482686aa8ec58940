# libFuzzer targets: one executable per fuzz/*_fuzz.cpp, built with clang. They link only the
# parsers under test (config, cli, SIP message and digest code), not the whole stack, so the
# fuzz build stays small.
if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
  message(FATAL_ERROR "SB_FUZZ needs clang (configure with -DCMAKE_CXX_COMPILER=clang++)")
endif()
file(GLOB_RECURSE SB_FUZZ_PARSER_SOURCES CONFIGURE_DEPENDS
  ${CMAKE_SOURCE_DIR}/src/sip/message/*.cpp ${CMAKE_SOURCE_DIR}/src/sip/auth/*.cpp
  ${CMAKE_SOURCE_DIR}/src/media/sdp/*.cpp ${CMAKE_SOURCE_DIR}/src/media/codec/*.cpp
  ${CMAKE_SOURCE_DIR}/src/pbx/*.cpp)
# The RFC 4733 receiver and sender are plain data (the DTMF tone code needs spandsp: left out).
list(APPEND SB_FUZZ_PARSER_SOURCES ${CMAKE_SOURCE_DIR}/src/media/dtmf/telephone_event.cpp
     ${CMAKE_SOURCE_DIR}/src/media/dtmf/event_receiver.cpp
     ${CMAKE_SOURCE_DIR}/src/media/dtmf/event_sender.cpp)
# RTCP reports and the receive-side statistics (RFC 3550) read what remotes send.
list(APPEND SB_FUZZ_PARSER_SOURCES ${CMAKE_SOURCE_DIR}/src/media/rtp/rtcp_report.cpp
     ${CMAKE_SOURCE_DIR}/src/media/rtp/reception_stats.cpp)
# The AMI message parser, Variable lines and event filters, MessageSend's destinations, From
# and Variable headers, and res_pjsip_history's `where` expressions, are plain C++ too (the
# rest of their modules is not linked).
list(APPEND SB_FUZZ_PARSER_SOURCES ${CMAKE_SOURCE_DIR}/src/modules/manager/ami_message.cpp
     ${CMAKE_SOURCE_DIR}/src/modules/manager/ami_variables.cpp
     ${CMAKE_SOURCE_DIR}/src/modules/manager/event_filter.cpp
     ${CMAKE_SOURCE_DIR}/src/modules/res_pjsip_messaging/message_destination.cpp
     ${CMAKE_SOURCE_DIR}/src/modules/res_pjsip_messaging/message_from.cpp
     ${CMAKE_SOURCE_DIR}/src/modules/res_pjsip_messaging/message_content.cpp
     ${CMAKE_SOURCE_DIR}/src/modules/res_pjsip_messaging/message_uri.cpp
     ${CMAKE_SOURCE_DIR}/src/core/util/base64.cpp
     ${CMAKE_SOURCE_DIR}/src/modules/res_pjsip/trace/history_filter.cpp
     ${CMAKE_SOURCE_DIR}/src/core/store/option_parsers.cpp
     ${CMAKE_SOURCE_DIR}/src/sip/transport/socket_address.cpp)
add_library(sb_fuzz_parsers STATIC ${SB_FUZZ_PARSER_SOURCES})
target_include_directories(sb_fuzz_parsers PUBLIC ${CMAKE_SOURCE_DIR}/src)
target_link_libraries(sb_fuzz_parsers PUBLIC OpenSSL::Crypto fmt::fmt)
sb_apply_flags(sb_fuzz_parsers)

file(GLOB SB_FUZZ_SOURCES CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/fuzz/*_fuzz.cpp)
foreach(source IN LISTS SB_FUZZ_SOURCES)
  get_filename_component(name ${source} NAME_WE)
  add_executable(${name} ${source})
  target_link_libraries(${name} PRIVATE sb_config sb_cli sb_fuzz_parsers)
  target_compile_options(${name} PRIVATE -fsanitize=fuzzer,address,undefined ${SB_WARNING_FLAGS})
  target_link_options(${name} PRIVATE -fsanitize=fuzzer,address,undefined)
endforeach()
