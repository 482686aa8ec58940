# Warnings are errors; sanitizers on request.
set(SB_WARNING_FLAGS -Wall -Wextra -Werror -Wno-missing-field-initializers)
set(SB_SANITIZER_FLAGS "")
if(SB_FUZZ)
  # Instrument the libraries for coverage; the fuzz targets add the libFuzzer driver.
  set(SB_SANITIZER_FLAGS -fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer)
elseif(SB_SANITIZE)
  set(SB_SANITIZER_FLAGS -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
endif()

function(sb_apply_flags target)
  target_compile_options(${target} PRIVATE ${SB_WARNING_FLAGS} ${SB_SANITIZER_FLAGS})
  if(SB_SANITIZE OR SB_FUZZ)
    target_link_options(${target} PRIVATE ${SB_SANITIZER_FLAGS})
  endif()
endfunction()
