# The web console (console/ at the repository root), embedded into the lab at build time so a
# lab started from anywhere serves it at / and /console/... (see src/lab/console_routes.cpp).
set(console_dir ${PROJECT_SOURCE_DIR}/console)
file(GLOB_RECURSE console_files CONFIGURE_DEPENDS ${console_dir}/*)
set(console_embedded ${PROJECT_BINARY_DIR}/embedded_console.cpp)
add_custom_command(
  OUTPUT ${console_embedded}
  COMMAND ${CMAKE_COMMAND} -DDIR=${console_dir} -DOUT=${console_embedded}
          -DHEADER=lab/console_assets.h -DNAMESPACE=faultbox::lab
          -DFUNCTION=embedded_console_files -P ${PROJECT_SOURCE_DIR}/cmake/embed_files.cmake
  DEPENDS ${console_files} ${PROJECT_SOURCE_DIR}/cmake/embed_files.cmake
  COMMENT "Embedding console/")
target_sources(faultbox_lab PRIVATE ${console_embedded})
