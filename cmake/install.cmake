# `cmake --install` and the Debian package (scripts/package.sh): the faultbox binary, the IMDS
# preload library the lab gives instances (lib/faultbox, found from the binary's own place), and
# the HCL converter with its npm modules (share/faultbox/tools/hcl2json), so an installed lab
# reads *.tf without the source tree or the npm registry.
include(GNUInstallDirs)
install(TARGETS faultbox RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(TARGETS faultbox_imds_preload LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}/faultbox)
set(hcl2json_dir ${PROJECT_SOURCE_DIR}/tools/hcl2json)
install(FILES ${hcl2json_dir}/convert.js ${hcl2json_dir}/package.json
              ${hcl2json_dir}/package-lock.json
        DESTINATION ${CMAKE_INSTALL_DATADIR}/faultbox/tools/hcl2json)
# Present once scripts/setup.sh ran npm; without it the installed lab reads *.tf.json only.
install(DIRECTORY ${hcl2json_dir}/node_modules
        DESTINATION ${CMAKE_INSTALL_DATADIR}/faultbox/tools/hcl2json OPTIONAL
        PATTERN ".faultbox-installed-lock.json" EXCLUDE)
install(FILES ${PROJECT_SOURCE_DIR}/README.md DESTINATION ${CMAKE_INSTALL_DOCDIR})
# Shell completion, printed by the binary after it links (src/cli/CMakeLists.txt), into the
# directories bash-completion and zsh read.
set(completions ${PROJECT_BINARY_DIR}/completions)
install(FILES ${completions}/faultbox DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions)
install(FILES ${completions}/_faultbox DESTINATION ${CMAKE_INSTALL_DATADIR}/zsh/vendor-completions)

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME faultbox)
set(CPACK_PACKAGE_VENDOR faultbox)
set(CPACK_PACKAGE_CONTACT "faultbox maintainers <faultbox@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "Chaos-engineering lab on one machine that runs AWS FIS experiment templates")
set(CPACK_PACKAGE_DESCRIPTION
    "faultbox stands up the AWS resilience workshop's service (instances in three availability "
    "zones, an auto-scaling group, a classic load balancer, alarms, IAM roles) as real processes "
    "with real HTTP traffic, and runs AWS FIS experiment templates against it. The aws CLI and "
    "boto3 drive it with --endpoint-url.")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_PACKAGE_SECTION utils)
# The libraries the binary links come from dpkg-shlibdeps; these are what it runs at run time:
# instances' sandbox and user-data tools, Lambda's runtime, the HCL converter's Node.js.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS
    "bubblewrap, gettext-base, curl, procps, iproute2, python3, python3-boto3, nodejs, stress-ng, psmisc, nftables, iptables, e2fsprogs, mount")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "awscli")
include(CPack)
