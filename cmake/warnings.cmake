# Warnings on everywhere; the build stays clean of them.
function(faultbox_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor
                                           -Wno-missing-field-initializers)
  # GCC 12 reports impossible overlaps and out-of-bounds copies in inlined std::string
  # concatenation (GCC bug 105329; the bounds and overflow forms show in the -O2 build without
  # debug info).
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
    target_compile_options(${target} PRIVATE -Wno-restrict -Wno-array-bounds -Wno-stringop-overflow)
  endif()
endfunction()
