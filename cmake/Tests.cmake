find_package(GTest REQUIRED)
include(GoogleTest)
file(GLOB_RECURSE SB_UNIT_TEST_SOURCES CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/tests/unit/*.cpp)
# The app's pure parsing pieces are tested directly.
add_executable(unit_tests ${SB_UNIT_TEST_SOURCES}
  ${CMAKE_SOURCE_DIR}/src/app/command_line.cpp ${CMAKE_SOURCE_DIR}/src/app/main_config.cpp)
target_link_libraries(unit_tests PRIVATE sb_modules sb_core GTest::gtest GTest::gtest_main)
target_include_directories(unit_tests PRIVATE ${CMAKE_SOURCE_DIR}/tests/unit)
sb_apply_flags(unit_tests)
if(SB_SANITIZE)
  # One process for the whole suite: a sanitized start costs a large part of a second, which
  # a process per test paid twelve hundred times. LeakSanitizer still checks at its exit.
  add_test(NAME unit_tests COMMAND unit_tests)
  set_tests_properties(unit_tests PROPERTIES TIMEOUT 900)
else()
  gtest_discover_tests(unit_tests DISCOVERY_TIMEOUT 60 PROPERTIES TIMEOUT 120)
endif()

# The checked-in configuration reference must match the option tables.
add_test(NAME config_reference_is_current
  COMMAND ${CMAKE_COMMAND} -E compare_files
          ${CMAKE_BINARY_DIR}/docs/config-reference.md ${CMAKE_SOURCE_DIR}/docs/config-reference.md)
