# AddressSanitizer + UndefinedBehaviorSanitizer for the whole build when FAULTBOX_SANITIZE is on.
if(FAULTBOX_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer
                      -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined)
endif()

# Coverage for libFuzzer on every module, with the same sanitizers (clang; scripts/fuzz.sh).
# Clang 14's function-type check fails to assemble Asio's coroutines ("Cannot represent a
# difference across sections"); the rest of UBSan stays.
if(FAULTBOX_LIBFUZZER)
  add_compile_options(-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize=function
                      -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined)
endif()
