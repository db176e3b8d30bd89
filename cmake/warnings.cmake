# Warnings on everywhere; the build stays clean of them.
function(faultbox_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor
                                           -Wno-missing-field-initializers)
  # GCC 12 reports impossible overlaps and out-of-bounds copies in inlined std::string
  # concatenation (GCC bug 105329); the bounds and overflow forms show only in the Release build
  # (-O2 without debug info), and only its flags change, so the tested builds' ccache stays warm.
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
    target_compile_options(${target} PRIVATE -Wno-restrict)
    if(CMAKE_BUILD_TYPE STREQUAL "Release")
      target_compile_options(${target} PRIVATE -Wno-array-bounds -Wno-stringop-overflow)
    endif()
  endif()
endfunction()
