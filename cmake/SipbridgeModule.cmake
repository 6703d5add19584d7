# sipbridge_add_module(<name> [DIALECT opensips|openser] [OUTPUT_DIRECTORY dir] SOURCES src...)
#
# Builds <name>.so the way the OpenSIPS Makefiles build a module:
#  - MOD_NAME is "<name>" (the LM_* macros print it and sipbridge logs under it);
#  - "../../sr_module.h" style includes resolve through the anchor folder
#    <sdk>/modules/_anchor (or <sdk>/openser/modules/_anchor for the OpenSER 1.1 dialect);
#  - core symbols stay undefined: the sipbridge core library, opened RTLD_GLOBAL by the
#    server before any module, provides them at dlopen time.
# Requires SIPBRIDGE_INCLUDE_DIR (set by the source tree or by SipbridgeConfig.cmake).
function(sipbridge_add_module name)
  cmake_parse_arguments(ARG "" "DIALECT;OUTPUT_DIRECTORY" "SOURCES;DEFINITIONS" ${ARGN})
  if(NOT ARG_SOURCES)
    message(FATAL_ERROR "sipbridge_add_module(${name}): SOURCES is required")
  endif()
  if(NOT ARG_DIALECT)
    set(ARG_DIALECT opensips)
  endif()
  # For the OpenSER dialect its own tree comes first; every header it does not
  # redefine falls through to the main tree.
  if(ARG_DIALECT STREQUAL "opensips")
    set(anchors "${SIPBRIDGE_INCLUDE_DIR}/modules/_anchor")
  elseif(ARG_DIALECT STREQUAL "openser")
    set(anchors "${SIPBRIDGE_INCLUDE_DIR}/openser/modules/_anchor" "${SIPBRIDGE_INCLUDE_DIR}/modules/_anchor")
  else()
    message(FATAL_ERROR "sipbridge_add_module(${name}): DIALECT must be opensips or openser, not ${ARG_DIALECT}")
  endif()

  add_library(${name} MODULE ${ARG_SOURCES})
  set_target_properties(${name} PROPERTIES PREFIX "" C_STANDARD 11)
  target_include_directories(${name} PRIVATE ${anchors})
  target_compile_definitions(${name} PRIVATE "MOD_NAME=\"${name}\"" ${ARG_DEFINITIONS})
  # -fgnu89-inline: OpenSIPS 1.11 modules were built as gnu89, where a plain `inline`
  # function in a header also emits an external definition; under C11 rules it would be
  # an undefined symbol at load time.
  target_compile_options(${name} PRIVATE -Wall -fno-common -fgnu89-inline)
  if(ARG_OUTPUT_DIRECTORY)
    set_target_properties(${name} PROPERTIES LIBRARY_OUTPUT_DIRECTORY "${ARG_OUTPUT_DIRECTORY}")
  endif()
endfunction()
