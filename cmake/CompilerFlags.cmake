# Warnings are errors; sanitizers on request.
set(SB_WARNING_FLAGS -Wall -Wextra -Werror -Wno-missing-field-initializers)
set(SB_SANITIZER_FLAGS "")
if(SB_FUZZ)
  # Instrument the libraries for coverage; the fuzz targets add the libFuzzer driver.
  set(SB_SANITIZER_FLAGS -fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer)
elseif(SB_SANITIZE)
  set(SB_SANITIZER_FLAGS -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
endif()

# Sanitized programs are linked as position-dependent executables: the sanitizers' data for
# each check and each global holds millions of pointers, and in a PIE each is a relocation the
# loader applies at every start (a second per process, and the tests start thousands). The
# objects stay -fPIE; fuzz targets start once each and are left alone.
set(SB_SANITIZER_LINK_FLAGS ${SB_SANITIZER_FLAGS})
if(SB_SANITIZE)
  list(APPEND SB_SANITIZER_LINK_FLAGS -no-pie)
endif()

function(sb_apply_flags target)
  target_compile_options(${target} PRIVATE ${SB_WARNING_FLAGS} ${SB_SANITIZER_FLAGS})
  if(SB_SANITIZE OR SB_FUZZ)
    target_link_options(${target} PRIVATE ${SB_SANITIZER_LINK_FLAGS})
  endif()
endfunction()
